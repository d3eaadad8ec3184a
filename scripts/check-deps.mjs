// Keeps dependencies pointing one way: model <- editor <- suggestions <- versions, and
// model <- relay, storage; all of them <- apps/*, with e2e/ and bench/ on top. Reads each workspace's package.json and every import in its sources,
// then runs dpdm for circular imports, type-only ones included. Prints file:line for each
// problem and exits 1 if there is any. The rule is explained in README.md, "Architecture".
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
  '@plenary/suggestions': ['@plenary/model', '@plenary/editor'],
  '@plenary/versions': ['@plenary/model', '@plenary/editor', '@plenary/suggestions'],
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
// Workspaces that test and measure the whole: they may use any package and app, nothing
// may use them, and every file in them is a source (specs and bench scripts are entries).
const TOOL_DIRS = ['e2e', 'bench'];
// Test harnesses that those workspaces share by path (the browser benchmarks drive the e2e
// page objects; the frame fuzzer runs in a test and a benchmark): no package exports them.
const SHARED_HARNESSES = ['e2e/pages', 'e2e/support', 'apps/server/test/support'];
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
  const tools = TOOL_DIRS.filter((dir) => existsSync(join(repoRoot, dir, 'package.json'))).map(
    (dir) => {
      const manifest = readManifest(join(dir, 'package.json'));
      return { kind: 'tools', dir, name: manifest.name, manifest };
    },
  );
  const workspaces = ['packages', 'apps'].flatMap((kind) => {
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
  return [...workspaces, ...tools];
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(tsx?|mjs)$/.test(entry.name) ? [path] : [];
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

function allowedFor(workspace, packageNames, appNames) {
  if (workspace.kind === 'tools') return [...packageNames, ...appNames];
  if (workspace.kind === 'apps') {
    const forbidden = APP_FORBIDDEN[workspace.name] ?? [];
    return packageNames.filter((name) => !forbidden.includes(name));
  }
  return PACKAGE_RULES[workspace.name];
}

function whyNot(workspace, target, appNames) {
  if (appNames.includes(target)) return `${target} is an app; only e2e/ and bench/ may use one`;
  if (workspace.kind === 'apps') return `${workspace.name} must never use ${target}`;
  const allowed = PACKAGE_RULES[workspace.name];
  return allowed.length === 0
    ? `${workspace.name} must not depend on any other @plenary package`
    : `${workspace.name} may depend only on ${allowed.join(', ')}`;
}

function checkWorkspace(workspace, packageNames, appNames) {
  const manifestPath = join(workspace.dir, 'package.json');
  const allowed = allowedFor(workspace, packageNames, appNames);
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
  const folders = workspace.kind === 'tools' ? ['.'] : SOURCE_FOLDERS;
  const files = folders.flatMap((folder) => sourceFiles(join(root, folder)));
  for (const file of files) {
    for (const { specifier, line } of importsOf(file)) {
      const where = `${relative(repoRoot, file)}:${line}`;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        const inside = (dir) => target === dir || target.startsWith(dir + sep);
        const shared =
          workspace.kind === 'tools' && SHARED_HARNESSES.some((dir) => inside(join(repoRoot, dir)));
        if (!inside(root) && !shared) {
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
      } else if (specifier !== target && !exportedEntries.get(target)?.has(specifier)) {
        report(
          where,
          `imports ${specifier}; use ${target} (its index.ts) or an entry its package.json exports`,
        );
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
    ...workspaces
      .filter((workspace) => workspace.kind === 'tools')
      .flatMap((workspace) => sourceFiles(join(repoRoot, workspace.dir)))
      .map((file) => relative(repoRoot, file)),
  ];
  const present = entries.filter((entry) => existsSync(join(repoRoot, entry)));
  for (const missing of entries.filter((entry) => !present.includes(entry))) {
    console.log(`(no ${missing} yet; not checked for circular imports)`);
  }
  if (present.length === 0) return;
  const dpdm = join(repoRoot, 'node_modules', '.bin', 'dpdm');
  // Without dpdm's --transform: a cycle through `import type` still ties two modules into
  // one idea, so it is reported like any other.
  const result = spawnSync(
    dpdm,
    ['--no-warning', '--no-tree', '--exit-code', 'circular:1', ...present],
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

// A patch applies to one exact version: a workspace that asks for a range of a patched
// package could be given another copy, unpatched, once a newer version is published.
function checkPatchedPins(workspaces) {
  const workspaceYaml = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');
  const section = /^patchedDependencies:\n((?:[ \t]+.*\n?)*)/m.exec(workspaceYaml)?.[1] ?? '';
  const patched = [...section.matchAll(/^\s+'?((?:@[^/\s]+\/)?[^@\s']+)@([^'\s]+?)'?:/gm)];
  for (const [, name, version] of patched) {
    for (const workspace of workspaces) {
      for (const field of DEPENDENCY_FIELDS) {
        const wanted = workspace.manifest[field]?.[name];
        if (wanted !== undefined && wanted !== version) {
          report(
            join(workspace.dir, 'package.json'),
            `${field} asks for ${name} ${wanted}; pin ${version}, the version patches/ patches`,
          );
        }
      }
    }
  }
}

const workspaces = readWorkspaces();
// Entry points a package declares besides its index (e.g. '@plenary/storage/postgres', kept
// apart so that what imports the index does not load the PostgreSQL driver).
const exportedEntries = new Map(
  workspaces.map((workspace) => [
    workspace.name,
    new Set(
      Object.keys(workspace.manifest.exports ?? {})
        .filter((key) => key.startsWith('./'))
        .map((key) => `${workspace.name}/${key.slice(2)}`),
    ),
  ]),
);
const packageNames = workspaces.filter((w) => w.kind === 'packages').map((w) => w.name);
const appNames = workspaces.filter((w) => w.kind === 'apps').map((w) => w.name);
let fileCount = 0;
for (const workspace of workspaces) fileCount += checkWorkspace(workspace, packageNames, appNames);
checkCircularImports(workspaces);
checkPatchedPins(workspaces);
checkDockerfile([...new Set(workspaces.map((w) => w.dir.split(sep).join('/')))]);

if (problems.length > 0) {
  console.error(`\nDependency check failed with ${problems.length} problem(s):\n`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(
    '\nThe rule: model <- editor <- suggestions <- versions; model <- relay, storage; packages <- apps/* <- e2e/, bench/; see README.md, "Architecture".',
  );
  process.exit(1);
}
console.log(
  `Dependency check passed: ${workspaces.length} workspaces, ${fileCount} source files, ` +
    'dependencies point one way and no circular imports.',
);
