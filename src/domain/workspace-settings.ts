import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isPhoneRegion, type PhoneRegion } from './phone-number';

export const DEFAULT_PHONE_REGION: PhoneRegion = 'CN';

/**
 * What new workspaces were called before "no name chosen" was stored as ''. A workspace still
 * called exactly one of them never had a name chosen: it reads as the default of the reader's
 * language, like a new one. (tests/unit/i18n checks that each language's default is here.)
 */
export const UNCHOSEN_WORKSPACE_NAMES: readonly string[] = ['My workspace', '我的工作区'];

/** The name someone chose for the workspace, or '' when none was (empty, or an old default). */
export function chosenWorkspaceName(name: string | null | undefined): string {
  const cleaned = cleanText(name ?? '');
  return UNCHOSEN_WORKSPACE_NAMES.includes(cleaned) ? '' : cleaned;
}

/** The chosen name, else `languageDefault` ("My workspace" in the reader's language). */
export function workspaceDisplayName(name: string | null | undefined, languageDefault: string): string {
  return chosenWorkspaceName(name) || languageDefault;
}

/** '' is a valid name: it means none was chosen, and the default follows the language. */
const workspaceNameSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().max(TEXT_LIMITS.workspaceName, ErrorCode.tooLong))
  .transform(chosenWorkspaceName);

export const workspaceSettingsSchema = z.looseObject({
  name: workspaceNameSchema.catch(''),
  defaultRegion: z
    .string()
    .refine(isPhoneRegion, ErrorCode.regionInvalid)
    .transform((r) => r as PhoneRegion)
    .catch(DEFAULT_PHONE_REGION),
});
export type WorkspaceSettings = { name: string; defaultRegion: PhoneRegion };

export const workspaceSettingsDraftSchema = z.object({
  name: workspaceNameSchema,
  defaultRegion: z
    .string()
    .refine(isPhoneRegion, ErrorCode.regionInvalid)
    .transform((r) => r as PhoneRegion),
});
