import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isPhoneRegion, type PhoneRegion } from './phone-number';

export const DEFAULT_WORKSPACE_NAME = 'My workspace';
export const DEFAULT_PHONE_REGION: PhoneRegion = 'CN';

export const workspaceSettingsSchema = z.looseObject({
  name: z
    .string()
    .transform(cleanText)
    .pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.workspaceName, ErrorCode.tooLong))
    .catch(DEFAULT_WORKSPACE_NAME),
  defaultRegion: z
    .string()
    .refine(isPhoneRegion, ErrorCode.regionInvalid)
    .transform((r) => r as PhoneRegion)
    .catch(DEFAULT_PHONE_REGION),
});
export type WorkspaceSettings = { name: string; defaultRegion: PhoneRegion };

export const workspaceSettingsDraftSchema = z.object({
  name: z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.workspaceName, ErrorCode.tooLong)),
  defaultRegion: z
    .string()
    .refine(isPhoneRegion, ErrorCode.regionInvalid)
    .transform((r) => r as PhoneRegion),
});
