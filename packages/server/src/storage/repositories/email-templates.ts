import type { Db } from '../db.ts';
import type { EmailTemplatesTable } from '../schema-accounts.ts';

export interface EmailTemplateRow {
  id: string;
  languageTag: string;
  templateType: string;
  details: unknown;
  createdAt: number;
}

// The JSON column is parsed here and nowhere else.
const toRow = (r: EmailTemplatesTable): EmailTemplateRow => ({
  ...r,
  details: JSON.parse(r.details) as unknown,
  createdAt: Number(r.createdAt),
});

export async function listEmailTemplates(db: Db, filter: { languageTag?: string; templateType?: string }): Promise<EmailTemplateRow[]> {
  let query = db.selectFrom('emailTemplates').selectAll();
  if (filter.languageTag !== undefined) query = query.where('languageTag', '=', filter.languageTag);
  if (filter.templateType !== undefined) query = query.where('templateType', '=', filter.templateType);
  return (await query.orderBy('languageTag').orderBy('templateType').execute()).map(toRow);
}

export async function findEmailTemplateById(db: Db, id: string): Promise<EmailTemplateRow | undefined> {
  const row = await db.selectFrom('emailTemplates').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRow(row);
}

/** The stored templates of one type in any of `languageTags`. */
export async function listEmailTemplatesOfType(db: Db, templateType: string, languageTags: readonly string[]): Promise<EmailTemplateRow[]> {
  if (languageTags.length === 0) return [];
  const rows = await db
    .selectFrom('emailTemplates')
    .selectAll()
    .where('templateType', '=', templateType)
    .where('languageTag', 'in', [...languageTags])
    .execute();
  return rows.map(toRow);
}

/** Inserts, or replaces the details of the template with the same language and type (its id stays). */
export async function upsertEmailTemplate(
  db: Db,
  input: { id: string; languageTag: string; templateType: string; details: unknown; createdAt: number },
): Promise<void> {
  const details = JSON.stringify(input.details);
  await db
    .insertInto('emailTemplates')
    .values({ ...input, details })
    .onConflict((oc) => oc.columns(['languageTag', 'templateType']).doUpdateSet({ details }))
    .execute();
}

export async function updateEmailTemplateDetails(db: Db, id: string, details: unknown): Promise<void> {
  await db
    .updateTable('emailTemplates')
    .set({ details: JSON.stringify(details) })
    .where('id', '=', id)
    .execute();
}

export async function deleteEmailTemplate(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('emailTemplates').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteEmailTemplates(db: Db, filter: { languageTag?: string; templateType?: string }): Promise<number> {
  let query = db.deleteFrom('emailTemplates');
  if (filter.languageTag !== undefined) query = query.where('languageTag', '=', filter.languageTag);
  if (filter.templateType !== undefined) query = query.where('templateType', '=', filter.templateType);
  return Number((await query.executeTakeFirst()).numDeletedRows);
}
