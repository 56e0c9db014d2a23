/**
 * A nominee's cash award where it is decided: on the card (amount and a "not verified" mark),
 * in the editor and the view link's details (amount, coefficient × base salary, the legal
 * source and the date each rule took effect). Priced by core `nomineeCash`.
 */
import { Show, createMemo, type JSX } from 'solid-js';
import { nomineeCash, type AwardFormId, type IsoDate, type NomineeKind } from '@binhan/core';
import { useApp } from '../app-context';
import { date, lang, pick, t, vnd } from '../i18n';
import { today } from './card-helpers';

export interface CashInput {
  awardForm: AwardFormId | null;
  nomineeKind: NomineeKind;
  decisionDate: IsoDate | null;
}

function useCash(input: () => CashInput) {
  const { store } = useApp();
  return createMemo(() => {
    const f = store.state.board?.facts;
    if (!f) return null;
    return nomineeCash(input(), { conferenceDate: f.conferenceDate, session: f.session }, `${today()}T05:00:00.000Z`);
  });
}

const coef = (c: number): string => String(c).replace('.', lang() === 'vi' ? ',' : '.');

/** On the card: "710.000 ₫" and, when a value is not verified, a mark that says so. */
export function CashOnCard(props: { input: CashInput }): JSX.Element {
  const cash = useCash(() => props.input);
  return (
    <Show when={cash()?.ok ? cash() : null}>
      {(c) => {
        const a = () => (c() as Extract<NonNullable<ReturnType<typeof cash>>, { ok: true }>).award;
        return (
          <div>
            <dt>{t('cashAward')}</dt>
            <dd>
              <span class="money" data-testid="nominee-cash">{vnd(a().amount)}</span>
              <Show when={!a().verified}> <span class="unverified" title={t('unverifiedNote')} data-testid="cash-unverified">⚠ {t('unverified')}</span></Show>
            </dd>
          </div>
        );
      }}
    </Show>
  );
}

/** In the editor and the details: amount, rule, source, rule dates, and why when there is none. */
export function CashDetails(props: { input: CashInput }): JSX.Element {
  const cash = useCash(() => props.input);
  return (
    <Show when={cash()}>
      {(c) => (
        <div class="cash-details" data-testid="cash-details" role="status">
          <Show when={c().ok ? (c() as Extract<NonNullable<ReturnType<typeof cash>>, { ok: true }>) : null} fallback={<p class="field__error">{(c() as { issues: Array<{ vi: string; en: string }> }).issues?.map((i) => pick(i)).join('; ')}</p>}>
            {(ok) => (
              <>
                <p>
                  {t('cashAward')}: <strong class="money" data-testid="editor-cash">{vnd(ok().award.amount)}</strong>{' '}
                  <span class="muted">= {t('cashRule', { coef: coef(ok().award.coefficient), base: vnd(ok().award.baseSalary), date: date(ok().award.decisionDate) })}</span>
                </p>
                <Show when={ok().basis !== 'card'}>
                  <p class="muted small">{ok().basis === 'today' ? t('decisionDateToday') : t('decisionDateFromConference', { date: date(ok().award.decisionDate) })}</p>
                </Show>
                <p class="muted small" data-testid="cash-source">
                  {t('cashSourceLine', {
                    source: [ok().award.sources[0], ok().award.cashSource].join('; '),
                    from: date(ok().award.ruleDates.cash),
                    salary: ok().award.sources[2] ?? '',
                    salaryFrom: date(ok().award.ruleDates.baseSalary),
                  })}
                </p>
                <Show when={!ok().award.verified}>
                  <p class="unverified small" data-testid="cash-unverified-note">⚠ {t('unverifiedNote')}</p>
                </Show>
              </>
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}
