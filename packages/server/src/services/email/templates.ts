import type { EmailTemplateDetails, TemplateType } from '../../domain/accounts/email-templates.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import * as repo from '../../storage/repositories/email-templates.ts';
import { newId } from '../../storage/ids.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';

/** Logto's email template: `{ id, languageTag, templateType, details, createdAt }`. */
export interface EmailTemplate {
  id: string;
  languageTag: string;
  templateType: TemplateType;
  details: EmailTemplateDetails;
  createdAt: number;
}

type Filter = { languageTag?: string; templateType?: TemplateType };

const toTemplate = (row: repo.EmailTemplateRow): EmailTemplate => row as EmailTemplate;

export async function listEmailTemplates(deps: ServiceDeps, filter: Filter): Promise<EmailTemplate[]> {
  return (await repo.listEmailTemplates(deps.db, filter)).map(toTemplate);
}

export async function getEmailTemplate(deps: ServiceDeps, id: string): Promise<EmailTemplate> {
  const row = await repo.findEmailTemplateById(deps.db, id);
  if (!row) throw new NotFoundError(`Email template ${id} not found.`);
  return toTemplate(row);
}

/** Logto's PUT: creates each template, or replaces the details of the one with the same language and type. */
export async function upsertEmailTemplates(
  deps: ServiceDeps,
  templates: ReadonlyArray<{ languageTag: string; templateType: TemplateType; details: EmailTemplateDetails }>,
): Promise<EmailTemplate[]> {
  const keys = templates.map((t) => `${t.languageTag.toLowerCase()}/${t.templateType}`);
  if (new Set(keys).size !== keys.length) throw new ValidationError('Each language and template type may appear only once.');
  return inTransaction(deps.db, async (trx) => {
    const now = Date.now();
    const out: EmailTemplate[] = [];
    for (const t of templates) {
      await repo.upsertEmailTemplate(trx, { id: newId(), ...t, createdAt: now });
      const [row] = await repo.listEmailTemplates(trx, { languageTag: t.languageTag, templateType: t.templateType });
      if (row) out.push(toTemplate(row));
    }
    return out;
  });
}

/** Logto's PATCH /:id/details: the given fields replace the stored ones. */
export async function updateEmailTemplateDetails(
  deps: ServiceDeps,
  id: string,
  patch: Partial<EmailTemplateDetails>,
): Promise<EmailTemplate> {
  const current = await getEmailTemplate(deps, id);
  await repo.updateEmailTemplateDetails(deps.db, id, { ...current.details, ...patch });
  return getEmailTemplate(deps, id);
}

export async function deleteEmailTemplate(deps: ServiceDeps, id: string): Promise<void> {
  if (!(await repo.deleteEmailTemplate(deps.db, id))) throw new NotFoundError(`Email template ${id} not found.`);
}

/** Logto's DELETE with filters; at least one filter, so a bare DELETE cannot wipe every template. */
export async function deleteEmailTemplates(deps: ServiceDeps, filter: Filter): Promise<{ rowCount: number }> {
  if (filter.languageTag === undefined && filter.templateType === undefined) {
    throw new ValidationError('Give languageTag or templateType (or both) to delete templates in bulk.');
  }
  return { rowCount: await repo.deleteEmailTemplates(deps.db, filter) };
}
