/**
 * The leaders' dashboard: the board model's metrics (core `dashboard()`) as figures and simple
 * CSS bar charts, live with the board, printable (see the print rules in styles.css). Every
 * chart is also a table or a sentence, so a screen reader gets the same figures.
 */
import { For, Show, createMemo, type JSX } from 'solid-js';
import { NOMINEE_KINDS, REVIEW_STATUSES, dashboard, type Dashboard as Metrics } from '@binhan/core';
import { useApp } from '../app-context';
import { date, num, pick, t, value, vnd } from '../i18n';
import { today } from '../board/card-helpers';

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
  const taskById = createMemo(() => new Map((store.raw()?.cards ?? []).map((c) => [c.id, c])));

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
              <section class="panel" aria-labelledby="units-h">
                <h3 id="units-h">{t('progressByUnit')}</h3>
                <table class="unit-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('unit')}</th>
                      <th scope="col">{t('doneShort')}</th>
                      <th scope="col">{t('inProgressShort')}</th>
                      <th scope="col">{t('todoShort')}</th>
                      <th scope="col">{t('overdueShort')}</th>
                      <th scope="col" class="unit-table__bar"><span class="visually-hidden">%</span></th>
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
                          <td class="unit-table__bar">
                            <div class="stack" aria-hidden="true">
                              <div class="stack__done" style={{ width: `${pct(u.done, u.total)}%` }} />
                              <div class="stack__progress" style={{ width: `${pct(u.inProgress, u.total)}%` }} />
                            </div>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <p class="legend" aria-hidden="true">
                  <span class="legend__done">{t('doneShort')}</span> <span class="legend__progress">{t('inProgressShort')}</span> <span class="legend__todo">{t('todoShort')}</span>
                </p>
              </section>

              <section class="panel" aria-labelledby="overdue-h">
                <h3 id="overdue-h">{t('overdueTasks')} ({d().tasks.overall.overdue})</h3>
                <Show when={d().tasks.overall.overdueIds.length} fallback={<p class="muted">{t('noOverdue')}</p>}>
                  <ul class="overdue-list">
                    <For each={d().tasks.overall.overdueIds.slice(0, 30)}>
                      {(id) => {
                        const c = () => taskById().get(id);
                        return (
                          <Show when={c()?.kind === 'task' ? (c() as Extract<NonNullable<ReturnType<typeof c>>, { kind: 'task' }>) : null}>
                            {(task) => (
                              <li>
                                <strong>{task().title}</strong>
                                <span class="muted"> · {t('due')} {date(task().due!)} · {task().assignee ?? t('unassigned')} · {unitName(board()?.units.find((u) => u.id === task().unit) ?? { nameVi: task().unit, nameEn: task().unit })}</span>
                              </li>
                            )}
                          </Show>
                        );
                      }}
                    </For>
                  </ul>
                </Show>
              </section>

              <section class="panel" aria-labelledby="nominee-h">
                <h3 id="nominee-h">{t('nomineePipeline')} · {t('nomineesTotal', { n: d().nominees.total })}</h3>
                <ol class="pipeline">
                  <For each={[...REVIEW_STATUSES]}>
                    {(s) => (
                      <li class="pipeline__stage" data-stage={s}>
                        <span class="pipeline__count">{d().nominees.byReviewStatus[s]}</span>
                        <span class="pipeline__label">{value('reviewStatus', s)}</span>
                        <Bar value={d().nominees.byReviewStatus[s]} max={Math.max(1, d().nominees.total)} label={`${value('reviewStatus', s)}: ${d().nominees.byReviewStatus[s]}`} />
                      </li>
                    )}
                  </For>
                </ol>
                <p class="muted">
                  {t('byKind')}: {NOMINEE_KINDS.map((k) => `${value('nomineeKind', k)} ${d().nominees.byKind[k]}`).join(' · ')}
                </p>
                <Show when={d().awards.problems.length}>
                  <p class="warn">{t('awardProblems', { n: d().awards.problems.length })}</p>
                </Show>
              </section>

              <section class="panel" aria-labelledby="budget-h">
                <h3 id="budget-h">{t('budgetVsFund')}</h3>
                <p class="budget-total">
                  {t('totalSpend')}: <strong class="money" data-testid="budget-total">{vnd(d().budget.total)}</strong>
                  <span class="muted"> ({t('budgetLines')} {vnd(d().budget.linesTotal)} + {t('awardCash')} {vnd(d().budget.awardTotal)})</span>
                </p>
                <For each={d().budget.bySource}>
                  {(s) => (
                    <div class="fund">
                      <p class="fund__name">{pick({ vi: s.nameVi, en: s.nameEn })}</p>
                      <Show when={s.fund !== null} fallback={<p class="muted">{vnd(s.total)} · {t('fundNotSet')}</p>}>
                        <Bar value={s.total} max={s.fund!} tone={s.overFund ? 'bad' : pct(s.total, s.fund!) > 85 ? 'warn' : 'ok'} label={`${vnd(s.total)} / ${vnd(s.fund!)}`} />
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

function Figure(props: { title: string; testid: string; tone?: 'bad' | undefined; children: JSX.Element }): JSX.Element {
  return (
    <section class="figure" classList={{ 'figure--bad': props.tone === 'bad' }} data-testid={props.testid} aria-label={props.title}>
      <h3 class="figure__title">{props.title}</h3>
      {props.children}
    </section>
  );
}
