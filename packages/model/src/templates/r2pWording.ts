/** Every word of the R2P template, in one language. */
export interface R2pWording {
  name: string;
  /** The three breakout groups' names. */
  groupNames: readonly [string, string, string];
  /** The 14 risk factors, in the UN Framework's order, without their numbers. */
  riskFactors: readonly string[];
  /** Writes a number as the language does (Khmer numerals in Khmer). */
  number(n: number): string;
  riskTableColumns: readonly [string, string, string, string, string];
  purpose: { title: string; lead: string; objectives: readonly string[] };
  awareness: { title: string; lead: string; recommendations: readonly string[] };
  risks: { title: string; lead: string; earlyWarning: string; assessments: string };
  mechanism: { title: string; lead: string; points: readonly string[] };
  roadmap: {
    title: string;
    lead: string;
    columns: readonly [string, string, string, string];
    stages: readonly [string, string, string, string];
  };
  interfaith: { title: string; lead: string };
  research: { title: string; lead: string };
  regional: { title: string; lead: string };
}
