/**
 * "R2P National Action Plan": the outline the second Cambodian national dialogue on R2P
 * and atrocity prevention (Phnom Penh, August 2017) worked from, with the 14 risk factors
 * of the UN Framework of Analysis for Atrocity Crimes (2014) as a table to assess. One
 * structure, in English and in Khmer (r2pWordingKhmer.ts): a plan made in Khmer starts
 * with Khmer titles, risk factors and guidance.
 */
import { bulletList, heading, orderedList, paragraph, richTextDoc, table } from '../richText.ts';
import type { PlanTemplate } from './PlanTemplate.ts';
import type { R2pWording } from './r2pWording.ts';
import { R2P_WORDING_KHMER } from './r2pWordingKhmer.ts';

/** The 14 risk factors of the UN Framework of Analysis for Atrocity Crimes (2014). */
export const UN_RISK_FACTORS: readonly string[] = [
  'Situations of armed conflict or other forms of instability',
  'Record of serious violations of international human rights and humanitarian law',
  'Weakness of State structures',
  'Motives or incentives',
  'Capacity to commit atrocity crimes',
  'Absence of mitigating factors',
  'Enabling circumstances or preparatory action',
  'Triggering factors',
  'Intergroup tensions or patterns of discrimination against protected groups (genocide)',
  'Signs of an intent to destroy in whole or in part a protected group (genocide)',
  'Signs of a widespread or systematic attack against any civilian population (crimes against humanity)',
  'Signs of a plan or policy to attack any civilian population (crimes against humanity)',
  'Serious threats to those protected under international humanitarian law (war crimes)',
  'Serious threats to humanitarian or peacekeeping operations (war crimes)',
];

const R2P_WORDING_ENGLISH: R2pWording = {
  name: 'R2P National Action Plan',
  groupNames: ['Group 1', 'Group 2', 'Group 3'],
  riskFactors: UN_RISK_FACTORS,
  number: String,
  riskTableColumns: [
    'Risk factor',
    'Indicators observed',
    'Level of concern',
    'Mitigating factors',
    'Monitoring institution',
  ],
  purpose: {
    title: 'Purpose and key objectives',
    lead: 'This plan translates the government’s commitment to the Responsibility to Protect into concrete priorities and strategies for atrocity prevention.',
    objectives: [
      'Raise awareness of R2P and atrocity prevention at the grassroots level.',
      'Anchor the understanding of R2P in local values and contexts.',
      'Build the capacity of relevant stakeholders.',
      'Establish partnerships for research, training and publication on atrocity prevention.',
    ],
  },
  awareness: {
    title: 'Public awareness and education',
    lead: 'Recommendations of the breakout group:',
    recommendations: [
      'High-level dialogue and capacity building with the government sector.',
      'Continued dialogue among civil society organisations and academia.',
      'Op-eds, articles in local media and social media to bring more voices into the discussion.',
    ],
  },
  risks: {
    title: 'Risk factors and early warning',
    lead: 'The UN Framework of Analysis for Atrocity Crimes is adopted and contextualised for the national setting. Each risk factor is assessed: indicators observed, current level of concern, mitigating factors, and the institution responsible for monitoring it.',
    earlyWarning: 'Early-warning mechanism',
    assessments: 'Country risk assessments are prepared with the support of civil society groups.',
  },
  mechanism: {
    title: 'National mechanism',
    lead: 'An inter-governmental body of the relevant ministries and agencies, with inputs from the grassroots, implements the plan.',
    points: ['Composition and mandate', 'Relation to the national focal point', 'Reporting'],
  },
  roadmap: {
    title: 'Roadmap: stages and timeframes',
    lead: 'Practical, near- to medium-term steps based on the resources and commitment of stakeholders.',
    columns: ['Stage', 'Actions', 'Responsible', 'Timeframe'],
    stages: ['Consultation', 'Adoption', 'Implementation', 'Review'],
  },
  interfaith: {
    title: 'Interfaith dialogue',
    lead: 'Inter-faith dialogue using mechanisms already in place, such as the education and outreach programmes of the Buddhist community in rural areas.',
  },
  research: {
    title: 'Research, publications and training of trainers',
    lead: 'Study groups drawing on the Friends of R2P, educational and training resources, and training of trainers for atrocity prevention.',
  },
  regional: {
    title: 'Regional dimension',
    lead: 'The country’s role in promoting the norm in Southeast Asia and a regional network of Friends of R2P.',
  },
};

/** The R2P template's structure, filled with one language's words. */
function r2pTemplate(id: string, w: R2pWording): PlanTemplate {
  const numbered = (items: readonly string[]) =>
    items.map((item, i) => `${w.number(i + 1)}. ${item}`);
  const riskTable = table(
    [...w.riskTableColumns],
    numbered(w.riskFactors).map((factor) => [factor, '', '', '', '']),
  );
  return {
    id,
    name: w.name,
    groupNames: w.groupNames,
    sections: [
      {
        title: w.purpose.title,
        groupId: null,
        body: richTextDoc(paragraph(w.purpose.lead), orderedList([...w.purpose.objectives])),
      },
      {
        title: w.awareness.title,
        groupId: 'g1',
        body: richTextDoc(
          paragraph(w.awareness.lead),
          bulletList([...w.awareness.recommendations]),
        ),
      },
      {
        title: w.risks.title,
        groupId: 'g2',
        body: richTextDoc(
          paragraph(w.risks.lead),
          riskTable,
          heading(3, w.risks.earlyWarning),
          paragraph(w.risks.assessments),
        ),
      },
      {
        title: w.mechanism.title,
        groupId: 'g3',
        body: richTextDoc(paragraph(w.mechanism.lead), bulletList([...w.mechanism.points])),
      },
      {
        title: w.roadmap.title,
        groupId: 'g3',
        body: richTextDoc(
          paragraph(w.roadmap.lead),
          table(
            [...w.roadmap.columns],
            numbered(w.roadmap.stages).map((stage) => [stage, '', '', '']),
          ),
        ),
      },
      { title: w.interfaith.title, groupId: 'g1', body: richTextDoc(paragraph(w.interfaith.lead)) },
      { title: w.research.title, groupId: 'g2', body: richTextDoc(paragraph(w.research.lead)) },
      { title: w.regional.title, groupId: null, body: richTextDoc(paragraph(w.regional.lead)) },
    ],
  };
}

/** The R2P National Action Plan template. */
export const r2pNationalActionPlan: PlanTemplate = r2pTemplate('r2p-nap', R2P_WORDING_ENGLISH);

/** The same template in Khmer: section titles, risk factors, guidance and group names. */
export const r2pNationalActionPlanKhmer: PlanTemplate = r2pTemplate(
  'r2p-nap-km',
  R2P_WORDING_KHMER,
);
