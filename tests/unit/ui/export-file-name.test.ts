import { describe, expect, it } from 'vitest';
import { changeFileName, workspaceLabel } from '../../../src/ui/state/export-file-name';

const at = new Date('2026-12-07T20:19:42.000Z');
const listed = [
  { id: 'w1', name: 'Acme 上海' },
  { id: 'w2', name: 'Other' },
];

describe('the name of an exported change file', () => {
  it('is the workspace setting once it has loaded', () => {
    expect(changeFileName(workspaceLabel('Acme Trading', listed, 'w1', 'My workspace'), at)).toBe('Acme Trading-2026-12-07-20-19.kehu');
  });

  it('is the name the device lists the workspace under before the settings load', () => {
    expect(changeFileName(workspaceLabel('', listed, 'w1', 'My workspace'), at)).toBe('Acme 上海-2026-12-07-20-19.kehu');
    expect(workspaceLabel(undefined, listed, 'w2', 'My workspace')).toBe('Other');
  });

  it('is the translated default when neither is known', () => {
    expect(changeFileName(workspaceLabel('  ', [], 'w1', '我的工作区'), at)).toBe('我的工作区-2026-12-07-20-19.kehu');
  });

  it('is the default of the reader\'s language when no name was chosen, also where an older version stored its English default', () => {
    expect(workspaceLabel('', [{ id: 'w1', name: '' }], 'w1', '我的工作区')).toBe('我的工作区');
    expect(workspaceLabel('My workspace', [{ id: 'w1', name: 'My workspace' }], 'w1', '我的工作区')).toBe('我的工作区');
    expect(workspaceLabel('', [{ id: 'w1', name: '我的工作区' }], 'w1', 'My workspace')).toBe('My workspace');
  });

  it('has no character a file system refuses', () => {
    expect(changeFileName('a/b:c*?"<>|\\d\u0007e', at)).toBe('a_b_c_d_e-2026-12-07-20-19.kehu');
  });
});
