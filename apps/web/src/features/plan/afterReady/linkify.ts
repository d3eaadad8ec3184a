/**
 * Stands in for linkifyjs inside @tiptap/extension-link in the web build (see
 * afterReadyParts.ts): the same functions, handed to linkifyjs once it is here. Until then
 * no text is a URL: a URL typed or pasted in that moment stays plain text.
 */
import type * as Linkify from 'linkifyjs';
import { afterReadyModules, whenAfterReadyModules } from './afterReadyParts.ts';

type SchemeArguments = Parameters<typeof Linkify.registerCustomProtocol>;

// The link extension registers its schemes when an editor is made, which can be before
// linkifyjs is here; they are registered on its arrival, in order.
let waiting: SchemeArguments[] = [];
whenAfterReadyModules(({ linkify }) => {
  for (const scheme of waiting) linkify.registerCustomProtocol(...scheme);
  waiting = [];
});

/** linkifyjs's `find`: the links in a text. */
export function find(...args: Parameters<typeof Linkify.find>): ReturnType<typeof Linkify.find> {
  return afterReadyModules()?.linkify.find(...args) ?? [];
}

/** linkifyjs's `tokenize`: a text as link and non-link tokens. */
export function tokenize(text: string): ReturnType<typeof Linkify.tokenize> {
  return afterReadyModules()?.linkify.tokenize(text) ?? [];
}

/** linkifyjs's `registerCustomProtocol`, held until linkifyjs is here. */
export function registerCustomProtocol(...scheme: SchemeArguments): void {
  const modules = afterReadyModules();
  if (modules) modules.linkify.registerCustomProtocol(...scheme);
  else waiting.push(scheme);
}

/** linkifyjs's `reset`: forgets the registered schemes (the link extension's destroy). */
export function reset(): void {
  const modules = afterReadyModules();
  if (modules) modules.linkify.reset();
  else waiting = [];
}
