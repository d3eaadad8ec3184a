/**
 * "R2P National Action Plan": the outline the second Cambodian national dialogue on R2P
 * and atrocity prevention (Phnom Penh, August 2017) worked from, with the 14 risk factors
 * of the UN Framework of Analysis for Atrocity Crimes (2014) as a table to assess.
 */
import { bulletList, heading, orderedList, paragraph, richTextDoc, table } from '../richText.ts';
import type { PlanTemplate } from './PlanTemplate.ts';

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

const riskTable = table(
  [
    'Risk factor',
    'Indicators observed',
    'Level of concern',
    'Mitigating factors',
    'Monitoring institution',
  ],
  UN_RISK_FACTORS.map((factor, i) => [`${i + 1}. ${factor}`, '', '', '', '']),
);

/** The R2P National Action Plan template. */
export const r2pNationalActionPlan: PlanTemplate = {
  id: 'r2p-nap',
  name: 'R2P National Action Plan',
  sections: [
    {
      title: 'Purpose and key objectives',
      groupId: null,
      body: richTextDoc(
        paragraph(
          'This plan translates the government’s commitment to the Responsibility to Protect into concrete priorities and strategies for atrocity prevention.',
        ),
        orderedList([
          'Raise awareness of R2P and atrocity prevention at the grassroots level.',
          'Anchor the understanding of R2P in local values and contexts.',
          'Build the capacity of relevant stakeholders.',
          'Establish partnerships for research, training and publication on atrocity prevention.',
        ]),
      ),
    },
    {
      title: 'Public awareness and education',
      groupId: 'g1',
      body: richTextDoc(
        paragraph('Recommendations of the breakout group:'),
        bulletList([
          'High-level dialogue and capacity building with the government sector.',
          'Continued dialogue among civil society organisations and academia.',
          'Op-eds, articles in local media and social media to bring more voices into the discussion.',
        ]),
      ),
    },
    {
      title: 'Risk factors and early warning',
      groupId: 'g2',
      body: richTextDoc(
        paragraph(
          'The UN Framework of Analysis for Atrocity Crimes is adopted and contextualised for the national setting. Each risk factor is assessed: indicators observed, current level of concern, mitigating factors, and the institution responsible for monitoring it.',
        ),
        riskTable,
        heading(3, 'Early-warning mechanism'),
        paragraph(
          'Country risk assessments are prepared with the support of civil society groups.',
        ),
      ),
    },
    {
      title: 'National mechanism',
      groupId: 'g3',
      body: richTextDoc(
        paragraph(
          'An inter-governmental body of the relevant ministries and agencies, with inputs from the grassroots, implements the plan.',
        ),
        bulletList([
          'Composition and mandate',
          'Relation to the national focal point',
          'Reporting',
        ]),
      ),
    },
    {
      title: 'Roadmap: stages and timeframes',
      groupId: 'g3',
      body: richTextDoc(
        paragraph(
          'Practical, near- to medium-term steps based on the resources and commitment of stakeholders.',
        ),
        table(
          ['Stage', 'Actions', 'Responsible', 'Timeframe'],
          [
            ['1. Consultation', '', '', ''],
            ['2. Adoption', '', '', ''],
            ['3. Implementation', '', '', ''],
            ['4. Review', '', '', ''],
          ],
        ),
      ),
    },
    {
      title: 'Interfaith dialogue',
      groupId: 'g1',
      body: richTextDoc(
        paragraph(
          'Inter-faith dialogue using mechanisms already in place, such as the education and outreach programmes of the Buddhist community in rural areas.',
        ),
      ),
    },
    {
      title: 'Research, publications and training of trainers',
      groupId: 'g2',
      body: richTextDoc(
        paragraph(
          'Study groups drawing on the Friends of R2P, educational and training resources, and training of trainers for atrocity prevention.',
        ),
      ),
    },
    {
      title: 'Regional dimension',
      groupId: null,
      body: richTextDoc(
        paragraph(
          'The country’s role in promoting the norm in Southeast Asia and a regional network of Friends of R2P.',
        ),
      ),
    },
  ],
};
