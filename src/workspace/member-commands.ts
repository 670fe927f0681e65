import { upsertMember } from './settings-commands';
import type { CommandContext } from './command-context';

/** This device's member record: the display name teammates see as owner and in history. */
export class MemberCommands {
  constructor(private readonly ctx: CommandContext) {}

  setName(name: string) {
    return this.ctx.commit(() => upsertMember(this.ctx.ws, name));
  }
}
