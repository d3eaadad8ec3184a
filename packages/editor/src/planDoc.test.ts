import { PLAN_TEMPLATES, readPlan, sectionFragmentName, UN_RISK_FACTORS } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPlanDoc } from './planDoc.ts';
import { readRichText, sectionPlainText } from './richTextFragment.ts';

describe('createPlanDoc', () => {
  it('fills the R2P template: sections in order, groups, and the 14 risk factors as a table', () => {
    const doc = createPlanDoc('Cambodia NAP', PLAN_TEMPLATES['r2p-nap']);
    const plan = readPlan(doc);
    expect(plan.title).toBe('Cambodia NAP');
    expect(plan.groups.map((g) => g.name)).toEqual(['Group 1', 'Group 2', 'Group 3']);
    expect(plan.sections.map((s) => s.title)).toEqual(
      PLAN_TEMPLATES['r2p-nap'].sections.map((s) => s.title),
    );
    const risk = plan.sections.find((s) => s.title === 'Risk factors and early warning');
    expect(risk?.groupId).toBe('g2');
    const body = readRichText(doc.getXmlFragment(sectionFragmentName(risk?.id ?? '')));
    const tables: number[] = [];
    body.descendants((node) => {
      if (node.type.name === 'table') tables.push(node.childCount);
      return true;
    });
    // one header row and one row per risk factor
    expect(tables).toEqual([UN_RISK_FACTORS.length + 1]);
  });

  it('survives encoding: a fresh doc built from the update reads the same text', () => {
    const doc = createPlanDoc('Blank', PLAN_TEMPLATES.blank);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const [section] = readPlan(copy).sections;
    expect(section?.title).toBe('Introduction');
    expect(sectionPlainText(copy.getXmlFragment(sectionFragmentName(section?.id ?? '')))).toBe('');
  });
});
