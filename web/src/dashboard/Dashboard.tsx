/**
 * The leaders' dashboard: the board model's metrics (core `dashboard()`) as figures and SVG
 * charts (./Charts.tsx), live with the board, printable (see the print rules in styles.css).
 * Every chart is also a table or a sentence, so a screen reader gets the same figures. The
 * plan's facts are shown, and edited by leaders and admins, in ./FactsPanel.tsx.
 */
import { For, Show, createMemo, type JSX } from 'solid-js';
import { AWARD_FORM_IDS, NOMINEE_KINDS, REVIEW_STATUSES, dashboard, weekEnd, type Card, type Dashboard as Metrics } from '@binhan/core';
import { useApp } from '../app-context';
import { awardForm, date, num, pick, t, value, vnd } from '../i18n';
import { today } from '../board/card-helpers';
import { BarChart, type ChartRow } from './Charts';
import { FactsPanel } from './FactsPanel';

const pct = (part: number, whole: number): number => (whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0);

function Bar(props: { value: number; max: number; tone?: 'ok' | 'warn' | 'bad'; label: string }): JSX.Element {
  return (
    <div class="bar" role="img" aria-label={props.label}>
      <div class={`bar__fill bar__fill--${props.tone ?? 'ok'}`} style={{ width: `${pct(props.value, props.max)}%` }} />
    </div>
  );
}

export function Dashboard(): JSX.Element {
  const { store } = useApp();
  const m = createMemo<Metrics | null>(() => {
    const b = store.raw();
    if (!b) return null;
    // Recompute when the day changes too (overdue, days left).
    const day = today();
    return dashboard(b, `${day}T05:00:00.000Z`);
  });
  const board = () => store.state.board;
  const unitName = (u: { nameVi: string; nameEn: string }) => pick({ vi: u.nameVi, en: u.nameEn });

  return (
    <section class="dashboard" aria-labelledby="dash-heading">
      <header class="dashboard__head">
        <div>
          <h2 id="dash-heading">{t('dashTitle')}</h2>
          <p class="muted">{t('asOf', { date: date(today()) })} · {t('updatedLive')}</p>
        </div>
        <button type="button" class="button no-print" onClick={() => window.print()}>{t('print')}</button>
      </header>
      <Show when={m()}>
        {(d) => (
          <>
            <div class="figures">
              <Figure testid="days-left" title={t('daysToConference')}>
                <p class="figure__big">
                  <Show when={d().conference.daysLeft !== null && d().conference.daysLeft! >= 0} fallback="—">{num(d().conference.daysLeft!)}</Show>
                </p>
                <Show when={d().conference.daysLeft !== null}>
                  <p class="figure__sub">
                    {d().conference.daysLeft! > 0
                      ? t('daysLeft', { n: d().conference.daysLeft! })
                      : d().conference.daysLeft === 0 ? t('today') : t('daysPast', { n: -d().conference.daysLeft! })}
                  </p>
                </Show>
                <p class="figure__sub">
                  <Show when={d().conference.target} fallback={t('dateUnknown')}>
                    {d().conference.basis === 'conference-date'
                      ? t('conferenceOn', { date: date(d().conference.target!) })
                      : t('quarterEnd', { date: date(d().conference.target!) })}
                  </Show>
                </p>
                <Show when={board()?.facts.conferenceTime || board()?.facts.conferencePlace}>
                  <p class="figure__sub" data-testid="days-left-where">{[board()?.facts.conferenceTime, board()?.facts.conferencePlace].filter(Boolean).join(' · ')}</p>
                </Show>
              </Figure>
              <Figure testid="tasks-done" title={t('tasksDone')}>
                <p class="figure__big">{pct(d().tasks.overall.done, d().tasks.overall.total)}%</p>
                <p class="figure__sub" data-testid="tasks-done-count">{t('tasksDoneOf', { done: d().tasks.overall.done, total: d().tasks.overall.total })}</p>
                <Bar value={d().tasks.overall.done} max={d().tasks.overall.total} label={t('tasksDoneOf', { done: d().tasks.overall.done, total: d().tasks.overall.total })} />
              </Figure>
              <Figure testid="overdue" title={t('overdueTasks')} tone={d().tasks.overall.overdue > 0 ? 'bad' : undefined}>
                <p class="figure__big">{d().tasks.overall.overdue}</p>
                <p class="figure__sub">{value('status', 'in-progress')}: {d().tasks.overall.inProgress} · {value('status', 'todo')}: {d().tasks.overall.todo}</p>
              </Figure>
              <Figure testid="due-week" title={t('dueThisWeek')} tone={undefined}>
                <p class="figure__big">{d().tasks.overall.dueThisWeek}</p>
                <p class="figure__sub">{t('weekUntil', { date: date(weekEnd(d().tasks.today)) })}</p>
              </Figure>
              <Figure testid="award-fund" title={t('awardCash')} tone={d().awardFund?.overFund ? 'bad' : undefined}>
                <p class="figure__big money" data-testid="award-total">{vnd(d().awards.total)}</p>
                <Show when={d().awardFund}>
                  {(f) => (
                    <Show when={f().fund !== null} fallback={<p class="figure__sub">{t('awardFundUnset', { fund: pick({ vi: f().nameVi, en: f().nameEn }) })}</p>}>
                      <p class="figure__sub">{t('awardsAgainstFund', { fund: pick({ vi: f().nameVi, en: f().nameEn }), total: vnd(f().total), amount: vnd(f().fund!) })}</p>
                      <Show when={f().overFund}>
                        <p class="figure__sub bad" role="alert" data-testid="award-fund-warning"><strong>{t('awardFundOver', { fund: pick({ vi: f().nameVi, en: f().nameEn }), amount: vnd(-f().remaining!) })}</strong></p>
                      </Show>
                    </Show>
                  )}
                </Show>
              </Figure>
              <Figure testid="delegates" title={t('delegates')} tone={d().delegates.overCap ? 'bad' : undefined}>
                <p class="figure__big">
                  {num(d().delegates.count)}
                  <Show when={d().delegates.cap !== null}><span class="figure__of">/{num(d().delegates.cap!)}</span></Show>
                </p>
                <Show when={d().delegates.cap !== null} fallback={<p class="figure__sub">{t('noCap')}</p>}>
                  <p class="figure__sub">
                    {d().delegates.overCap ? t('overCap', { n: -d().delegates.remaining! }) : t('delegatesOf', { n: d().delegates.count, cap: d().delegates.cap! })}
                  </p>
                  <Bar value={d().delegates.count} max={d().delegates.cap!} tone={d().delegates.overCap ? 'bad' : 'ok'} label={t('delegatesOf', { n: d().delegates.count, cap: d().delegates.cap! })} />
                </Show>
              </Figure>
            </div>

            <div class="dash-grid">
              <FactsPanel />
              <section class="panel" aria-labelledby="units-h">
                <h3 id="units-h">{t('progressByUnit')}</h3>
                <BarChart id="chart-units" testid="chart-units" title={t('chartUnits')} rows={unitRows(d())}
                  legend={[{ tone: 'done', label: t('doneShort') }, { tone: 'progress', label: t('inProgressShort') }, { tone: 'todo', label: t('todoShort') }]} />
                <table class="unit-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('unit')}</th>
                      <th scope="col">{t('doneShort')}</th>
                      <th scope="col">{t('inProgressShort')}</th>
                      <th scope="col">{t('todoShort')}</th>
                      <th scope="col">{t('overdueShort')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().tasks.byUnit}>
                      {(u) => (
                        <tr data-unit={u.unitId}>
                          <th scope="row">{unitName(u)}</th>
                          <td>{u.done}/{u.total}</td>
                          <td>{u.inProgress}</td>
                          <td>{u.todo}</td>
                          <td classList={{ bad: u.overdue > 0 }}>{u.overdue}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>

              <section class="panel" aria-labelledby="overdue-h" data-testid="overdue-panel">
                <h3 id="overdue-h">{t('overdueTasks')} ({d().tasks.overall.overdue})</h3>
                <TaskList ids={d().tasks.overall.overdueIds} empty={t('noOverdue')} testid="overdue-list" />
              </section>

              <section class="panel" aria-labelledby="week-h" data-testid="week-panel">
                <h3 id="week-h">{t('dueThisWeek')} ({d().tasks.overall.dueThisWeek})</h3>
                <TaskList ids={d().tasks.overall.dueThisWeekIds} empty={t('noDueThisWeek')} testid="week-list" />
              </section>

              <section class="panel" aria-labelledby="nominee-h">
                <h3 id="nominee-h">{t('nomineePipeline')} · {t('nomineesTotal', { n: d().nominees.total })}</h3>
                <BarChart id="chart-status" testid="chart-status" title={t('chartNomineesStatus')} rows={REVIEW_STATUSES.map((s): ChartRow => ({
                  key: s, label: value('reviewStatus', s), valueText: num(d().nominees.byReviewStatus[s]),
                  segments: [{ value: d().nominees.byReviewStatus[s], tone: `review-${s}`, label: `${value('reviewStatus', s)}: ${d().nominees.byReviewStatus[s]}` }],
                }))} />
                <h4>{t('chartNomineesForm')}</h4>
                <BarChart id="chart-forms" testid="chart-forms" title={t('chartNomineesForm')} rows={formRows(d())}
                  legend={[{ tone: 'approved', label: t('approvedShort') }, { tone: 'proposed', label: value('reviewStatus', 'proposed') }]} />
                <p class="muted">
                  {t('byKind')}: {NOMINEE_KINDS.map((k) => `${value('nomineeKind', k)} ${d().nominees.byKind[k]}`).join(' · ')}
                </p>
                <Show when={d().awards.problems.length}>
                  <p class="warn">{t('awardProblems', { n: d().awards.problems.length })}</p>
                </Show>
              </section>

              <section class="panel" aria-labelledby="awards-h" data-testid="awards-panel">
                <h3 id="awards-h">{t('awardsByForm')}</h3>
                <table class="unit-table awards-table">
                  <thead>
                    <tr><th scope="col">{t('awardForm')}</th><th scope="col">{t('nomineesCount')}</th><th scope="col" class="awards-table__approved">{t('approvedShort')}</th><th scope="col">{t('totalShort')}</th></tr>
                  </thead>
                  <tbody>
                    <For each={d().awards.byForm}>
                      {(f) => (
                        <tr data-form={f.form}>
                          <th scope="row">{awardForm(f.form)}</th>
                          <td>{f.count}</td>
                          <td class="money awards-table__approved">{vnd(f.approvedAmount)}</td>
                          <td class="money">{vnd(f.amount)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('totalShort')}</th>
                      <td>{d().awards.awards.length}</td>
                      <td class="money awards-table__approved" data-testid="awards-approved-total">{vnd(d().awards.approvedTotal)}</td>
                      <td class="money" data-testid="awards-total">{vnd(d().awards.total)}</td>
                    </tr>
                  </tfoot>
                </table>
                <Show when={d().awardFund}>
                  {(f) => (
                    <Show when={f().fund !== null} fallback={<p class="muted">{t('awardFundUnset', { fund: pick({ vi: f().nameVi, en: f().nameEn }) })}</p>}>
                      <p data-testid="awards-vs-fund" classList={{ bad: f().overFund }}>
                        {t('awardsAgainstFund', { fund: pick({ vi: f().nameVi, en: f().nameEn }), total: vnd(f().total), amount: vnd(f().fund!) })}
                        <span class="muted"> ({t('awardCash')} {vnd(f().awards)} + {t('budgetLines')} {vnd(f().lines)})</span>
                      </p>
                      <Show when={f().overFund}>
                        <p class="bad"><strong>{t('awardFundOver', { fund: pick({ vi: f().nameVi, en: f().nameEn }), amount: vnd(-f().remaining!) })}</strong></p>
                      </Show>
                    </Show>
                  )}
                </Show>
                <Show when={d().awards.unverifiedCount}>
                  <p class="unverified small" title={t('unverifiedNote')}>⚠ {t('unverifiedAwards', { n: d().awards.unverifiedCount })}</p>
                </Show>
              </section>

              <section class="panel" aria-labelledby="budget-h">
                <h3 id="budget-h">{t('budgetVsFund')}</h3>
                <BarChart id="chart-budget" testid="chart-budget" title={t('chartBudget')} rows={d().budget.bySource.map((s): ChartRow => ({
                  key: s.source, label: pick({ vi: s.nameVi, en: s.nameEn }),
                  valueText: s.fund === null ? `${vnd(s.total)} · ${t('fundNotSet')}` : `${vnd(s.total)} / ${vnd(s.fund)}`,
                  segments: [
                    { value: s.lines, tone: 'lines', label: `${t('budgetLines')}: ${vnd(s.lines)}` },
                    { value: s.awards, tone: 'awards', label: `${t('awardCash')}: ${vnd(s.awards)}` },
                  ],
                  marker: s.fund === null ? null : { value: s.fund, label: `${t('fundMark')}: ${vnd(s.fund)}` },
                  bad: s.overFund,
                }))} legend={[{ tone: 'lines', label: t('budgetLines') }, { tone: 'awards', label: t('awardCash') }, { tone: 'marker', label: t('fundMark') }]} />
                <p class="budget-total">
                  {t('totalSpend')}: <strong class="money" data-testid="budget-total">{vnd(d().budget.total)}</strong>
                  <span class="muted"> ({t('budgetLines')} {vnd(d().budget.linesTotal)} + {t('awardCash')} {vnd(d().budget.awardTotal)})</span>
                </p>
                <For each={d().budget.bySource}>
                  {(s) => (
                    <div class="fund">
                      <p class="fund__name">{pick({ vi: s.nameVi, en: s.nameEn })}</p>
                      <Show when={s.fund !== null} fallback={<p class="muted">{vnd(s.total)} · {t('fundNotSet')}</p>}>
                        <p class="fund__figures">
                          {vnd(s.total)} / {vnd(s.fund!)} ·{' '}
                          <Show when={s.overFund} fallback={<>{t('remaining')} {vnd(s.remaining!)}</>}>
                            <strong class="bad">{t('overFund', { amount: vnd(-s.remaining!) })}</strong>
                          </Show>
                        </p>
                      </Show>
                    </div>
                  )}
                </For>
              </section>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}

function unitRows(d: Metrics): ChartRow[] {
  return d.tasks.byUnit.map((u) => ({
    key: u.unitId,
    label: pick({ vi: u.nameVi, en: u.nameEn }),
    valueText: `${u.done}/${u.total}${u.overdue ? ` · ${t('overdueShort')} ${u.overdue}` : ''}`,
    segments: [
      { value: u.done, tone: 'done', label: `${t('doneShort')}: ${u.done}` },
      { value: u.inProgress, tone: 'progress', label: `${t('inProgressShort')}: ${u.inProgress}` },
      { value: u.todo, tone: 'todo', label: `${t('todoShort')}: ${u.todo}` },
    ],
    bad: u.overdue > 0,
  }));
}

function formRows(d: Metrics): ChartRow[] {
  const rows: ChartRow[] = AWARD_FORM_IDS.map((f) => {
    const x = d.awards.byForm.find((b) => b.form === f)!;
    return {
      key: f, label: awardForm(f), valueText: `${x.count} · ${vnd(x.amount)}`,
      segments: [
        { value: x.approvedCount, tone: 'approved', label: `${t('approvedShort')}: ${x.approvedCount}` },
        { value: x.count - x.approvedCount, tone: 'proposed', label: `${value('reviewStatus', 'proposed')}: ${x.count - x.approvedCount}` },
      ],
    };
  });
  const none = d.nominees.total - d.awards.awards.length - d.awards.problems.length;
  if (none > 0) rows.push({ key: 'none', label: t('noAwardForm'), valueText: String(none), segments: [{ value: none, tone: 'todo', label: `${t('noAwardForm')}: ${none}` }] });
  return rows;
}

/** Tasks by id, with due date, assignee and unit (names, not ids). */
function TaskList(props: { ids: string[]; empty: string; testid: string }): JSX.Element {
  const { store } = useApp();
  const byId = createMemo(() => new Map((store.raw()?.cards ?? []).map((c) => [c.id, c])));
  const unitName = (id: string) => {
    const u = store.state.board?.units.find((x) => x.id === id);
    return u ? pick({ vi: u.nameVi, en: u.nameEn }) : id;
  };
  return (
    <Show when={props.ids.length} fallback={<p class="muted">{props.empty}</p>}>
      <ul class="overdue-list" data-testid={props.testid}>
        <For each={props.ids.slice(0, 30)}>
          {(id) => {
            const task = () => {
              const c = byId().get(id);
              return c?.kind === 'task' ? (c as Extract<Card, { kind: 'task' }>) : null;
            };
            return (
              <Show when={task()}>
                {(x) => (
                  <li data-card-id={x().id}>
                    <strong>{x().title}</strong>
                    <span class="muted"> · {t('due')} {date(x().due!)} · {x().assignee ?? t('unassigned')} · {unitName(x().unit)}</span>
                  </li>
                )}
              </Show>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}

function Figure(props: { title: string; testid: string; tone?: 'bad' | undefined; children: JSX.Element }): JSX.Element {
  return (
    <section class="figure" classList={{ 'figure--bad': props.tone === 'bad' }} data-testid={props.testid} aria-label={props.title}>
      <h3 class="figure__title">{props.title}</h3>
      {props.children}
    </section>
  );
}
