import { z } from 'zod';
import { TEMPLATE_TYPES } from '../domain/accounts/email-templates.ts';
import * as service from '../services/email/templates.ts';
import type { RouteDeps } from './context.ts';

const languageTag = z
  .string()
  .max(16)
  .regex(/^[a-zA-Z]{2,3}(-[A-Za-z\d]{2,8})*$/, 'must be a language tag such as en or fr-CA')
  .describe('Language of the template, e.g. `en` or `de`');
const templateType = z.enum(TEMPLATE_TYPES).describe('What the email is for (Logto usage names)');
const Details = z.object({
  subject: z.string().min(1).max(998).describe('Subject template; `{{code}}` is replaced'),
  content: z.string().min(1).max(100_000).describe('Body template; `{{code}}`, `{{link}}`, `{{organization.name}}` are replaced'),
  contentType: z.enum(['text/html', 'text/plain']).optional().describe('Defaults to text/plain'),
  replyTo: z.string().max(320).optional().describe('Reply-To address'),
  sendFrom: z.string().max(128).optional().describe("Sender's display name (the address is EMAIL_FROM's)"),
});
const EmailTemplateResponse = z.object({ id: z.string(), languageTag: z.string(), templateType, details: Details, createdAt: z.number() });
const Filter = z.object({ languageTag: languageTag.optional(), templateType: templateType.optional() });
const IdParams = z.object({ id: z.string().min(1).max(32) });

export function emailTemplateRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Email templates';
  registry.add(
    router,
    {
      method: 'put',
      path: '/email-templates',
      tag,
      summary: 'Replace email templates: each is created, or replaces the one with the same language and type',
      body: z.object({
        templates: z
          .array(z.object({ languageTag, templateType, details: Details }))
          .min(1)
          .max(100),
      }),
      response: z.array(EmailTemplateResponse),
    },
    ({ body }) => service.upsertEmailTemplates(deps, body.templates),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/email-templates',
      tag,
      summary: 'Get email templates',
      query: Filter,
      response: z.array(EmailTemplateResponse),
    },
    ({ query }) => service.listEmailTemplates(deps, query),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/email-templates',
      tag,
      summary: 'Delete email templates matching languageTag and/or templateType',
      query: Filter,
      response: z.object({ rowCount: z.number() }),
    },
    ({ query }) => service.deleteEmailTemplates(deps, query),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/email-templates/:id',
      tag,
      summary: 'Get an email template',
      params: IdParams,
      response: EmailTemplateResponse,
    },
    ({ params }) => service.getEmailTemplate(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/email-templates/:id/details',
      tag,
      summary: "Update an email template's details",
      params: IdParams,
      body: Details.partial(),
      response: EmailTemplateResponse,
    },
    ({ params, body }) => service.updateEmailTemplateDetails(deps, params.id, body),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/email-templates/:id',
      tag,
      summary: 'Delete an email template',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.deleteEmailTemplate(deps, params.id),
  );
}
