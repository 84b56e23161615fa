import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { SimError } from '../../../../src/errors/sim-error.js';
import { newDraft, type TemplateRecord } from '../../../../src/resources/templates/collection.js';
import { applyVerdict, assertEditable, contentEdits, submitLegs, submitOpensReview, verdictRefusal, withLegs, type LegStatus, type Verdict } from '../../../../src/resources/templates/legs.js';
import { aDefinition } from '../../../support/template-builders.js';

const AT = Date.UTC(2026, 10, 12);
const draft = (): TemplateRecord => newDraft('7ba7b820-9dad-11d1-80b4-00c04fd430c8', { id: 'org', profileId: null }, aDefinition(), AT, { name: 'Welcome', category: 'UTILITY', language: 'en_US' });
/** A submitted template whose whatsapp leg stands at `status`. */
const withWhatsapp = (status: LegStatus): TemplateRecord => {
  const t = submitLegs(draft(), AT).record;
  return withLegs(t, { ...t.legs, whatsapp: { status, reason: null, updated_at: '' } });
};
const thrown = (fn: () => void): SimError | undefined => {
  try {
    fn();
  } catch (err) {
    return err as SimError;
  }
  return undefined;
};

describe('submitLegs', () => {
  it('approves sms and rcs, holds whatsapp PENDING, in canonical order; status reads the whatsapp leg', () => {
    const { record, changes } = submitLegs(draft(), AT);
    expect(changes).toEqual([
      { channel: 'sms', status: 'APPROVED', reason: null },
      { channel: 'whatsapp', status: 'PENDING', reason: null },
      { channel: 'rcs', status: 'APPROVED', reason: null },
    ]);
    expect(record).toMatchObject({ status: 'PENDING', is_published: false });
  });
});

describe('which verdict may follow which status', () => {
  const TABLE: Array<[Verdict, LegStatus[], LegStatus[]]> = [
    ['APPROVED', ['PENDING', 'PAUSED', 'DISABLED', 'REVOKED'], ['APPROVED', 'REJECTED']],
    ['REJECTED', ['PENDING'], ['APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'REVOKED']],
    ['PAUSED', ['APPROVED'], ['PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'REVOKED']],
    ['DISABLED', ['APPROVED', 'PAUSED'], ['PENDING', 'REJECTED', 'DISABLED', 'REVOKED']],
    ['REVOKED', ['APPROVED', 'PAUSED', 'DISABLED'], ['PENDING', 'REJECTED', 'REVOKED']],
  ];
  for (const [verdict, allowed, refused] of TABLE) {
    it(`${verdict} follows ${allowed.join(', ')} and nothing else`, () => {
      for (const from of allowed) {
        expect(verdictRefusal(withWhatsapp(from), verdict, 'whatsapp'), from).toBeNull();
        expect(applyVerdict(withWhatsapp(from), verdict, 'whatsapp', null, AT)?.record.status, from).toBe(verdict);
      }
      for (const from of refused) {
        expect(verdictRefusal(withWhatsapp(from), verdict, 'whatsapp'), from).toBe(MESSAGES.templateVerdictNotAllowed(verdict, from, 'the whatsapp leg'));
        expect(applyVerdict(withWhatsapp(from), verdict, 'whatsapp', null, AT), from).toBeNull();
      }
    });
  }

  it('refuses any verdict on a DRAFT, and on a leg the template does not have', () => {
    expect(verdictRefusal(draft(), 'APPROVED', 'template')).toBe(MESSAGES.templateNotSubmitted);
    const smsOnly = withLegs(draft(), { sms: { status: 'PENDING', reason: null, updated_at: '' } });
    expect(verdictRefusal(smsOnly, 'APPROVED', 'whatsapp')).toBe(MESSAGES.templateNoLeg('whatsapp'));
  });

  it('applies a template-wide verdict to every leg, reported without a channel, with the default reason', () => {
    const applied = applyVerdict(withWhatsapp('PENDING'), 'REJECTED', 'template', null, AT)!;
    expect(Object.values(applied.record.legs!).map((l) => l.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED']);
    expect(applied.change).toEqual({ channel: null, status: 'REJECTED', reason: MESSAGES.templateVerdictReason.REJECTED });
  });
});

describe('the edit rules', () => {
  const edits = (t: TemplateRecord) => contentEdits(t, { definition: { body: { multiChannel: { template: 'Changed text here' } } }, category: 'UTILITY', language: null });

  it('count only changed content: the same category, a null language and an equal definition are no edit', () => {
    const t = draft();
    expect(contentEdits(t, { definition: aDefinition(), category: 'UTILITY', language: null })).toEqual([]);
    expect(edits(t)).toEqual(['definition']);
  });

  it('by state: PENDING 409 CONFLICT_006, PAUSED 400 VALIDATION_001, sent_ read-only; renames pass', () => {
    expect(thrown(() => assertEditable(withWhatsapp('PENDING'), ['definition'], false, false, false))).toMatchObject({ code: 'CONFLICT_006', status: 409 });
    expect(thrown(() => assertEditable(withWhatsapp('PENDING'), [], false, true, false))?.details).toEqual({ submit_for_review: [MESSAGES.templateUnderReview] });
    expect(thrown(() => assertEditable(withWhatsapp('PENDING'), [], true, false, false))).toBeUndefined();
    for (const status of ['PAUSED', 'DISABLED', 'REVOKED'] as const) {
      expect(thrown(() => assertEditable(withWhatsapp(status), ['language'], false, false, false))).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.templateNotEditable });
      expect(thrown(() => assertEditable(withWhatsapp(status), [], true, true, false))).toBeUndefined();
      expect(submitOpensReview(withWhatsapp(status))).toBe(false);
    }
    expect(thrown(() => assertEditable(withWhatsapp('APPROVED'), ['definition', 'category'], true, true, false))).toBeUndefined();
    expect(submitOpensReview(withWhatsapp('APPROVED'))).toBe(true);
    expect(thrown(() => assertEditable(draft(), [], true, false, true))).toMatchObject({ code: 'VALIDATION_001', details: { name: [MESSAGES.templateSentReadOnly] } });
    expect(thrown(() => assertEditable(draft(), [], false, true, true))).toBeUndefined();
  });
});
