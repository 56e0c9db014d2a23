/**
 * A card's comments, live: the list (author, time in Vietnam, "@Name" of members marked, "đã
 * sửa"), and — on an edit link — a box to write one, with member suggestions after "@".
 * One's own comments can be edited in place and deleted (after an inline confirmation); the
 * server undoes anyone else's write (core's write policy), and the page offers only one's own.
 */
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { foldVietnamese, readComments, type CardComment } from '@binhan/core';
import { useApp } from '../app-context';
import { pick } from '../i18n';
import { tp } from '../i18n/strings-people';
import { commentActions } from './comment-actions';
import { me, peopleOf, type Person } from './people';
import './people-columns.css';

/** dd/mm/yyyy HH:MM in Vietnam (UTC+7), whatever the device's zone. */
export function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The text with each mentioned "@Name" as a mark (mine marked as such). */
function CommentText(props: { comment: CardComment; myId: string }): JSX.Element {
  const parts = createMemo(() => {
    const out: Array<{ text: string; mention?: { id: string } }> = [];
    let rest = props.comment.text;
    const names = [...props.comment.mentions].sort((a, b) => b.name.length - a.name.length);
    while (rest) {
      let best: { at: number; m: { id: string; name: string } } | null = null;
      for (const m of names) {
        const at = rest.indexOf(`@${m.name}`);
        if (at >= 0 && (!best || at < best.at)) best = { at, m };
      }
      if (!best) {
        out.push({ text: rest });
        break;
      }
      if (best.at > 0) out.push({ text: rest.slice(0, best.at) });
      out.push({ text: `@${best.m.name}`, mention: { id: best.m.id } });
      rest = rest.slice(best.at + best.m.name.length + 1);
    }
    return out;
  });
  return (
    <p class="comment__text">
      <For each={parts()}>
        {(p) => (p.mention ? <mark class="mention" classList={{ 'mention--me': p.mention.id === props.myId }} data-user={p.mention.id}>{p.text}</mark> : <>{p.text}</>)}
      </For>
    </p>
  );
}

/** A textarea that suggests members after "@" (click or Enter/Tab picks the first). */
function MentionBox(props: { id: string; value: string; onInput: (v: string) => void; people: Person[]; label: string; describedBy?: string; onSubmit?: () => void }): JSX.Element {
  let area!: HTMLTextAreaElement;
  const [query, setQuery] = createSignal<string | null>(null);
  const suggestions = createMemo(() => {
    const q = query();
    if (q === null) return [];
    const f = foldVietnamese(q);
    return props.people.filter((p) => foldVietnamese(p.name).includes(f)).slice(0, 6);
  });
  const look = () => {
    const upTo = area.value.slice(0, area.selectionStart ?? area.value.length);
    const m = /(?:^|\s)@([^\s@]{0,30})$/.exec(upTo);
    setQuery(m ? m[1]! : null);
  };
  const pickPerson = (p: Person) => {
    const caret = area.selectionStart ?? area.value.length;
    const upTo = area.value.slice(0, caret);
    const at = upTo.lastIndexOf('@');
    const next = `${area.value.slice(0, at)}@${p.name} ${area.value.slice(caret)}`;
    props.onInput(next);
    area.value = next;
    const pos = at + p.name.length + 2;
    area.setSelectionRange(pos, pos);
    area.focus();
    setQuery(null);
  };
  return (
    <div class="mention-box">
      <textarea
        ref={area}
        id={props.id}
        rows={2}
        value={props.value}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-autocomplete="list"
        aria-expanded={suggestions().length > 0}
        aria-controls={`${props.id}-suggest`}
        onInput={(e) => {
          props.onInput(e.currentTarget.value);
          look();
        }}
        onKeyDown={(e) => {
          if ((e.key === 'Enter' || e.key === 'Tab') && suggestions().length > 0) {
            e.preventDefault();
            pickPerson(suggestions()[0]!);
          } else if (e.key === 'Escape' && query() !== null) {
            e.preventDefault();
            e.stopPropagation();
            setQuery(null);
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onSubmit?.();
          }
        }}
        onClick={look}
      />
      <Show when={suggestions().length > 0}>
        <ul class="mention-box__list" id={`${props.id}-suggest`} role="listbox" aria-label={tp('mentionSuggestions')} data-testid="mention-suggestions">
          <For each={suggestions()}>
            {(p) => (
              <li role="option" aria-selected="false">
                <button type="button" class="mention-box__option" onMouseDown={(e) => e.preventDefault()} onClick={() => pickPerson(p)}>@{p.name}</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

export function CardComments(props: { cardId: string }): JSX.Element {
  const app = useApp();
  const { conn, store, ui } = app;
  const who = me(app);
  const people = peopleOf(conn);
  const actions = commentActions(conn, who);
  const comments = createMemo(() => {
    store.revision();
    return store.state.board ? readComments(conn.doc(), props.cardId) : [];
  });
  const [draft, setDraft] = createSignal('');
  const [error, setError] = createSignal('');
  const [editing, setEditing] = createSignal<string | null>(null);
  const [editText, setEditText] = createSignal('');
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const canWrite = () => conn.canEdit && who.id !== '';

  const send = () => {
    const r = actions.add(props.cardId, draft(), people());
    if (!r.ok) return setError(r.issues.map(pick).join('; '));
    setError('');
    setDraft('');
    ui.announce(tp('commentSent'));
  };
  const saveEdit = (c: CardComment) => {
    const r = actions.edit(props.cardId, c.id, editText(), people());
    if (!r.ok) return setError(r.issues.map(pick).join('; '));
    setError('');
    setEditing(null);
  };
  const remove = (c: CardComment) => {
    const r = actions.remove(props.cardId, c.id);
    setConfirming(null);
    if (!r.ok) return setError(r.issues.map(pick).join('; '));
    ui.announce(tp('commentDeleted'));
  };

  return (
    <section class="comments" aria-labelledby={`comments-${props.cardId}`} data-testid="comments">
      <h3 id={`comments-${props.cardId}`}>{tp('comments')} <span class="muted" data-testid="comments-count">({comments().length})</span></h3>
      <ol class="comments__list">
        <For each={comments()} fallback={<li class="muted">{tp('noComments')}</li>}>
          {(c) => (
            <li class="comment" data-comment-id={c.id} classList={{ 'comment--mine': c.authorId === who.id, 'comment--mentions-me': c.mentions.some((m) => m.id === who.id) }}>
              <p class="comment__head">
                <strong>{c.authorName}</strong>
                <Show when={c.authorId === who.id}> <span class="muted">({tp('you')})</span></Show>
                {' · '}<time datetime={c.createdAt}>{vietnamTime(c.createdAt)}</time>
                <Show when={c.editedAt}> · <span class="muted" title={vietnamTime(c.editedAt!)}>{tp('edited')}</span></Show>
                <Show when={c.mentions.some((m) => m.id === who.id) && c.authorId !== who.id}> · <span class="badge">{tp('mentionedYou')}</span></Show>
              </p>
              <Show when={editing() === c.id} fallback={<CommentText comment={c} myId={who.id} />}>
                <MentionBox id={`edit-${c.id}`} value={editText()} onInput={setEditText} people={people()} label={tp('edit')} onSubmit={() => saveEdit(c)} />
                <p class="comment__actions">
                  <button type="button" class="button button--primary button--small" onClick={() => saveEdit(c)}>{tp('saveComment')}</button>
                  <button type="button" class="button button--ghost button--small" onClick={() => setEditing(null)}>{tp('cancel')}</button>
                </p>
              </Show>
              <Show when={canWrite() && c.authorId === who.id && editing() !== c.id}>
                <Show
                  when={confirming() === c.id}
                  fallback={
                    <p class="comment__actions">
                      <button type="button" class="button button--ghost button--small" onClick={() => { setEditing(c.id); setEditText(c.text); }}>{tp('edit')}</button>
                      <button type="button" class="button button--ghost button--small" onClick={() => setConfirming(c.id)}>{tp('delete')}</button>
                    </p>
                  }
                >
                  <p class="comment__actions" role="group" aria-label={tp('confirmDeleteComment')}>
                    <span>{tp('confirmDeleteComment')}</span>
                    <button type="button" class="button button--danger button--small" onClick={() => remove(c)}>{tp('delete')}</button>
                    <button type="button" class="button button--ghost button--small" onClick={() => setConfirming(null)}>{tp('cancel')}</button>
                  </p>
                </Show>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={canWrite()}>
        <div class="comments__new">
          <label for={`new-comment-${props.cardId}`}>{tp('newComment')}</label>
          <MentionBox id={`new-comment-${props.cardId}`} value={draft()} onInput={setDraft} people={people()} label={tp('newComment')} describedBy={`new-comment-${props.cardId}-hint`} onSubmit={send} />
          <small class="hint" id={`new-comment-${props.cardId}-hint`}>{tp('commentHint')}</small>
          <p><button type="button" class="button button--primary button--small" onClick={send} disabled={draft().trim() === ''}>{tp('send')}</button></p>
        </div>
      </Show>
      <Show when={error()}><p class="field__error" role="alert">{error()}</p></Show>
    </section>
  );
}
