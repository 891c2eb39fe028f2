import { z } from 'zod';
import { deleteCustomPhrase, getCustomPhrase, listCustomPhrases, upsertCustomPhrase } from '../services/custom-phrases.ts';
import type { RouteDeps } from './context.ts';

const languageTag = z.object({
  languageTag: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as de or pt-BR')
    .describe('Language tag, e.g. de'),
});
const Translation = z
  .record(z.string(), z.unknown())
  .describe('Phrases by key, nested as in Logto (e.g. { "action": { "sign_in": "Log in" } })');
const CustomPhraseResponse = z.object({ id: z.string(), languageTag: z.string(), translation: z.record(z.string(), z.unknown()) });

/** Logto's /api/custom-phrases: per-language overrides of the hosted pages' phrases. */
export function customPhraseRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Custom phrases';
  registry.add(
    router,
    { method: 'get', path: '/custom-phrases', tag, summary: 'List custom phrases', response: z.array(CustomPhraseResponse) },
    async () => listCustomPhrases(deps),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/custom-phrases/:languageTag',
      tag,
      summary: 'Get the custom phrases of a language',
      params: languageTag,
      response: CustomPhraseResponse,
    },
    async ({ params }) => getCustomPhrase(deps, params.languageTag),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/custom-phrases/:languageTag',
      tag,
      summary: 'Replace the custom phrases of a language (keys as in the built-in phrases, e.g. action.sign_in)',
      params: languageTag,
      body: Translation,
      response: CustomPhraseResponse,
    },
    async ({ params, body }) => upsertCustomPhrase(deps, params.languageTag, body),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/custom-phrases/:languageTag',
      tag,
      summary: 'Delete the custom phrases of a language',
      params: languageTag,
      status: 204,
    },
    async ({ params }) => deleteCustomPhrase(deps, params.languageTag),
  );
}
