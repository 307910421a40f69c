// Writing a fixed file atomically: a temp file in the same folder, renamed over the original only if the
// original is still what was read (an editor or another run may have saved it meanwhile).
import { randomBytes } from 'node:crypto';
import { chmod, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors';
import { describe, readBytes, type TextFile } from './files';

export async function writeFixedFile(file: TextFile, text: string): Promise<void> {
  // Through a symlink, replace the file it points to, not the link.
  const target = await realpath(file.path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError([`${file.display}: ${describe(error)}; fixes not written`]);
  });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await chmod(temp, file.mode & 0o7777);
    if (!(await unchanged(target, file))) {
      throw new InputError([`${file.display}: changed on disk since it was read; fixes not written`]);
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof InputError) throw error;
    throw new InputError([`${file.display}: ${describe(error as NodeJS.ErrnoException)}; fixes not written`]);
  }
}

async function unchanged(path: string, file: TextFile): Promise<boolean> {
  const [info, bytes] = await Promise.all([stat(path), readBytes(path)]);
  return info.mtimeMs === file.mtimeMs && Buffer.compare(bytes, file.bytes) === 0;
}
