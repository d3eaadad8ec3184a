// Keeps dependencies pointing one way: model <- editor, relay, storage <- apps/*.
// Reads each workspace's package.json and every import in its sources, then runs dpdm for
// circular imports. Prints file:line for each problem and exits 1 if there is any.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const SCOPE = '@plenary/';

// Which @plenary packages each package may use. A package missing here fails the check,
// so that a new one gets a deliberate place in the graph.
const PACKAGE_RULES = {
  '@plenary/model': [],
  '@plenary/editor': ['@plenary/model'],
  '@plenary/relay': ['@plenary/model'],
  '@plenary/storage': ['@plenary/model'],
  '@plenary/report': ['@plenary/model', '@plenary/editor'],
};
// Apps may use any package except these: the web app talks to the server over HTTP and the
// y-websocket protocol, never to storage or the relay's internals.
const APP_FORBIDDEN = {
  '@plenary/web': ['@plenary/storage', '@plenary/relay'],
};
const SOURCE_FOLDERS = ['src', 'test'];
const APP_ENTRIES = ['apps/server/src/server.ts', 'apps/web/src/main.tsx'];
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'];

// `import x from '…'`, `export … from '…'`, `import '…'` and `import('…')`.
const IMPORT_PATTERN =
  /\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
  } catch (error) {
    console.error(`${path}: cannot be read as JSON (${error.message})`);
    process.exit(1);
  }
}

function readWorkspaces() {
  return ['packages', 'apps'].flatMap((kind) => {
    const parent = join(repoRoot, kind);
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(join(parent, entry.name, 'package.json')),
      )
      .map((entry) => {
        const dir = join(kind, entry.name);
        const manifest = readManifest(join(dir, 'package.json'));
        return { kind, dir, name: manifest.name, manifest };
      });
  });
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file) {
  const found = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const trimmed = text.trimStart();
      if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return;
      for (const match of text.matchAll(IMPORT_PATTERN)) {
        found.push({ specifier: match[1] ?? match[2] ?? match[3], line: index + 1 });
      }
    });
  return found;
}

// The @plenary package an import specifier names, or undefined for anything else.
function plenaryPackageOf(specifier) {
  if (!specifier.startsWith(SCOPE)) return undefined;
  return specifier.split('/').slice(0, 2).join('/');
}

function allowedFor(workspace, packageNames) {
  if (workspace.kind === 'apps') {
    const forbidden = APP_FORBIDDEN[workspace.name] ?? [];
    return packageNames.filter((name) => !forbidden.includes(name));
  }
  return PACKAGE_RULES[workspace.name];
}

function whyNot(workspace, target, appNames) {
  if (appNames.includes(target)) return `${target} is an app; nothing may depend on an app`;
  if (workspace.kind === 'apps') return `${workspace.name} must never use ${target}`;
  const allowed = PACKAGE_RULES[workspace.name];
  return allowed.length === 0
    ? `${workspace.name} must not depend on any other @plenary package`
    : `${workspace.name} may depend only on ${allowed.join(', ')}`;
}

function checkWorkspace(workspace, packageNames, appNames) {
  const manifestPath = join(workspace.dir, 'package.json');
  const allowed = allowedFor(workspace, packageNames);
  if (allowed === undefined) {
    report(manifestPath, `${workspace.name} has no rule in scripts/check-deps.mjs; add one`);
    return 0;
  }
  const declared = new Set();
  for (const field of DEPENDENCY_FIELDS) {
    for (const target of Object.keys(workspace.manifest[field] ?? {})) {
      if (!target.startsWith(SCOPE)) continue;
      declared.add(target);
      if (!allowed.includes(target)) {
        report(manifestPath, `${field} lists ${target}: ${whyNot(workspace, target, appNames)}`);
      }
    }
  }

  const root = join(repoRoot, workspace.dir);
  const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)));
  for (const file of files) {
    for (const { specifier, line } of importsOf(file)) {
      const where = `${relative(repoRoot, file)}:${line}`;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (target !== root && !target.startsWith(root + sep)) {
          report(
            where,
            `imports '${specifier}', outside ${workspace.dir}; import the workspace by its package name`,
          );
        }
        continue;
      }
      const target = plenaryPackageOf(specifier);
      if (target === undefined) continue;
      if (!allowed.includes(target)) {
        report(where, `imports ${specifier}: ${whyNot(workspace, target, appNames)}`);
      } else if (specifier !== target) {
        report(where, `imports ${specifier}; use ${target}, whose index.ts is its public surface`);
      } else if (!declared.has(target)) {
        report(where, `imports ${target}, which ${manifestPath} does not declare`);
      }
    }
  }
  return files.length;
}

function checkCircularImports(workspaces) {
  const entries = [
    ...workspaces
      .filter((workspace) => workspace.kind === 'packages')
      .map((workspace) => join(workspace.dir, 'src', 'index.ts')),
    ...APP_ENTRIES,
  ];
  const present = entries.filter((entry) => existsSync(join(repoRoot, entry)));
  for (const missing of entries.filter((entry) => !present.includes(entry))) {
    console.log(`(no ${missing} yet; not checked for circular imports)`);
  }
  if (present.length === 0) return;
  const dpdm = join(repoRoot, 'node_modules', '.bin', 'dpdm');
  const result = spawnSync(
    dpdm,
    ['--no-warning', '--no-tree', '-T', '--exit-code', 'circular:1', ...present],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.error) {
    report('dpdm', `could not run (${result.error.message}); install dependencies first`);
  } else if (result.status !== 0) {
    // stderr holds only dpdm's progress lines; the cycles are on stdout.
    report('dpdm', `found circular imports:\n${result.stdout.trim()}`);
  }
}

// The image installs from the manifests alone (for layer caching): a workspace or the
// patches folder missing there makes the frozen-lockfile install fail, in a build that
// no test here can run (no Docker engine).
function checkDockerfile(workspaceDirs) {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  const copied = (path) =>
    new RegExp(`^COPY\\s+${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`, 'm');
  for (const dir of workspaceDirs) {
    if (!copied(`${dir}/package.json`).test(dockerfile)) {
      report('Dockerfile', `does not COPY ${dir}/package.json before the install`);
    }
  }
  const workspaceYaml = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');
  if (/^patchedDependencies:/m.test(workspaceYaml) && !copied('patches').test(dockerfile)) {
    report('Dockerfile', 'does not COPY patches before the install (patchedDependencies)');
  }
}

const workspaces = readWorkspaces();
const packageNames = workspaces.filter((w) => w.kind === 'packages').map((w) => w.name);
const appNames = workspaces.filter((w) => w.kind === 'apps').map((w) => w.name);
let fileCount = 0;
for (const workspace of workspaces) fileCount += checkWorkspace(workspace, packageNames, appNames);
checkCircularImports(workspaces);
checkDockerfile(['e2e', 'bench', ...workspaces.map((w) => w.dir.split(sep).join('/'))]);

if (problems.length > 0) {
  console.error(`\nDependency check failed with ${problems.length} problem(s):\n`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error('\nThe rule: model <- editor, relay, storage <- apps/*; see CONVENTIONS.md.');
  process.exit(1);
}
console.log(
  `Dependency check passed: ${workspaces.length} workspaces, ${fileCount} source files, ` +
    'dependencies point one way and no circular imports.',
);
