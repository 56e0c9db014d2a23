/**
 * The column manager (board admins): add a column, rename it (Vietnamese and English),
 * move it up or down, remove it. Removing a column that holds cards asks, in place, where its
 * cards go — another column or "Chưa phân công" — and moves them in the same update, so no
 * card is ever lost. Columns are data in the board doc; the server's write policy lets only
 * admins write them. A panel on the board page, not a dialog.
 */
import { For, Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import {
  addUnit, atLeast, BoardValidationError, moveUnit, removeUnit, renameUnit, UNASSIGNED_UNIT, type Issue, type Unit, type WriteContext,
} from '@binhan/core';
import { useApp } from '../app-context';
import { pick } from '../i18n';
import { tp } from '../i18n/strings-people';
import '../board/people-columns.css';

export function mayManageColumns(app: ReturnType<typeof useApp>): boolean {
  return app.conn.canEdit && atLeast(app.conn.config.tokenInfo.role, 'admin');
}

export function ColumnManager(): JSX.Element {
  const app = useApp();
  const { conn, store, ui, presence } = app;
  const [error, setError] = createSignal('');
  const [nameVi, setNameVi] = createSignal('');
  const [nameEn, setNameEn] = createSignal('');
  const [removing, setRemoving] = createSignal<string | null>(null);
  const units = () => (store.state.board?.units ?? []).filter((u) => !u.removed);
  const cardsIn = (unitId: string) => (store.state.board?.cards ?? []).filter((c) => c.unit === unitId).length;
  const nameOf = (u: Pick<Unit, 'nameVi' | 'nameEn'>) => pick({ vi: u.nameVi, en: u.nameEn });
  const ctx = (): WriteContext => ({ actor: app.session?.user().name || presence.name() || conn.config.tokenInfo.subject || 'admin', now: new Date(), origin: conn.localOrigin });
  function run(f: () => void): boolean {
    try {
      f();
      setError('');
      return true;
    } catch (e) {
      if (e instanceof BoardValidationError) {
        setError(e.issues.map((i: Issue) => pick(i)).join('; '));
        return false;
      }
      throw e;
    }
  }

  const add = (e: Event) => {
    e.preventDefault();
    let made: Unit | null = null;
    if (run(() => { made = addUnit(conn.doc(), { nameVi: nameVi(), nameEn: nameEn().trim() || null }, ctx()); }) && made) {
      ui.announce(tp('columnAdded', { name: nameOf(made) }));
      setNameVi('');
      setNameEn('');
    }
  };

  return (
    <details class="column-manager no-print" data-testid="column-manager">
      <summary>{tp('columnsManage')}</summary>
      <div class="column-manager__body">
        <h3>{tp('columnsTitle')}</h3>
        <p class="hint">{tp('columnsHelp')}</p>
        <ol class="column-manager__list">
          <For each={units()}>
            {(u, i) => <ColumnRow unit={u} index={i()} last={i() === units().length - 1} cards={cardsIn(u.id)} others={units().filter((x) => x.id !== u.id)}
              removing={removing() === u.id} onRemoving={(on) => setRemoving(on ? u.id : null)} run={run} ctx={ctx} nameOf={nameOf} />}
          </For>
        </ol>
        <form class="column-manager__add" onSubmit={add}>
          <label>
            <span>{tp('columnNameVi')} *</span>
            <input type="text" name="nameVi" value={nameVi()} onInput={(e) => setNameVi(e.currentTarget.value)} data-testid="new-column-vi" />
          </label>
          <label>
            <span>{tp('columnNameEn')}</span>
            <input type="text" name="nameEn" value={nameEn()} onInput={(e) => setNameEn(e.currentTarget.value)} data-testid="new-column-en" lang="en" />
          </label>
          <button type="submit" class="button button--primary button--small">+ {tp('addColumn')}</button>
        </form>
        <Show when={error()}><p class="field__error" role="alert">{error()}</p></Show>
      </div>
    </details>
  );
}

function ColumnRow(props: {
  unit: Unit;
  index: number;
  last: boolean;
  cards: number;
  others: Unit[];
  removing: boolean;
  onRemoving: (on: boolean) => void;
  run: (f: () => void) => boolean;
  ctx: () => WriteContext;
  nameOf: (u: Pick<Unit, 'nameVi' | 'nameEn'>) => string;
}): JSX.Element {
  const { conn, ui } = useApp();
  const [vi, setVi] = createSignal(props.unit.nameVi);
  const [en, setEn] = createSignal(props.unit.nameEn);
  // Someone else renamed it: show the new names.
  createEffect(on(() => props.unit.nameVi, (v) => setVi(v), { defer: true }));
  createEffect(on(() => props.unit.nameEn, (v) => setEn(v), { defer: true }));
  const [target, setTarget] = createSignal<string>(UNASSIGNED_UNIT.id);
  const id = () => props.unit.id;
  const rename = (e: Event) => {
    e.preventDefault();
    if (props.run(() => renameUnit(conn.doc(), id(), { nameVi: vi(), nameEn: en() }, props.ctx()))) ui.announce(tp('columnRenamed', { name: props.nameOf({ nameVi: vi(), nameEn: en() }) }));
  };
  const move = (to: number) => {
    if (props.run(() => moveUnit(conn.doc(), id(), to, props.ctx()))) ui.announce(tp('columnMoved', { name: props.nameOf(props.unit), pos: to + 1 }));
  };
  const remove = () => {
    const n = props.cards;
    const to = target();
    const toName = to === UNASSIGNED_UNIT.id ? pick({ vi: UNASSIGNED_UNIT.nameVi, en: UNASSIGNED_UNIT.nameEn }) : props.nameOf(props.others.find((u) => u.id === to) ?? { nameVi: to, nameEn: to });
    const name = props.nameOf(props.unit);
    if (props.run(() => removeUnit(conn.doc(), id(), props.ctx(), { moveCardsTo: to }))) {
      props.onRemoving(false);
      ui.announce(tp('columnRemoved', { name, n, to: toName }));
      ui.toast(tp('columnRemoved', { name, n, to: toName }));
    }
  };
  return (
    <li class="column-manager__row" data-unit-row={props.unit.id}>
      <form class="column-manager__names" onSubmit={rename}>
        <label><span>{tp('columnNameVi')}</span><input type="text" value={vi()} onInput={(e) => setVi(e.currentTarget.value)} data-testid="column-vi" /></label>
        <label><span>{tp('columnNameEn')}</span><input type="text" value={en()} lang="en" onInput={(e) => setEn(e.currentTarget.value)} data-testid="column-en" /></label>
        <span class="muted column-manager__count">{tp('columnsCards', { n: props.cards })}</span>
        <span class="column-manager__buttons">
          <button type="submit" class="button button--small">{tp('rename')}</button>
          <button type="button" class="button button--ghost button--small" disabled={props.index === 0} aria-label={tp('moveUpLabel', { name: props.nameOf(props.unit) })} onClick={() => move(props.index - 1)}>↑ {tp('moveUp')}</button>
          <button type="button" class="button button--ghost button--small" disabled={props.last} aria-label={tp('moveDownLabel', { name: props.nameOf(props.unit) })} onClick={() => move(props.index + 1)}>↓ {tp('moveDown')}</button>
          <button type="button" class="button button--ghost button--small danger" aria-label={tp('removeColumnLabel', { name: props.nameOf(props.unit) })} aria-expanded={props.removing} onClick={() => props.onRemoving(!props.removing)}>✕ {tp('removeColumn')}</button>
        </span>
      </form>
      <Show when={props.removing}>
        <div class="column-manager__remove" role="group" aria-label={tp('removeColumnLabel', { name: props.nameOf(props.unit) })} data-testid="remove-column-panel">
          <Show when={props.cards > 0} fallback={<p>{tp('removeColumnEmpty', { name: props.nameOf(props.unit) })}</p>}>
            <label>
              <span>{tp('removeColumnAsk', { name: props.nameOf(props.unit), n: props.cards })}</span>
              <select value={target()} onChange={(e) => setTarget(e.currentTarget.value)} data-testid="remove-column-target">
                <For each={props.others.filter((u) => u.id !== UNASSIGNED_UNIT.id)}>{(u) => <option value={u.id}>{props.nameOf(u)}</option>}</For>
                <option value={UNASSIGNED_UNIT.id}>{tp('unassignedColumn')}</option>
              </select>
            </label>
          </Show>
          <p>
            <button type="button" class="button button--danger button--small" onClick={remove}>{props.cards > 0 ? tp('confirmRemove') : tp('confirmRemoveEmpty')}</button>
            {' '}
            <button type="button" class="button button--ghost button--small" onClick={() => props.onRemoving(false)}>{tp('cancel')}</button>
          </p>
        </div>
      </Show>
    </li>
  );
}
