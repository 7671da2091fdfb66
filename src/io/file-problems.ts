/**
 * The words for file-system faults, one phrase per fault, so that every command says the same
 * thing for the same mistake (a missing file, a folder given as a file, …). Used by the file
 * readers and writers of `io/`; the phrase follows the path in a `UserError`'s location
 * (`butterflops: results.csv: file not found`).
 */
export const FILE_PROBLEMS = {
  fileNotFound: 'file not found',
  folderNotFound: 'folder not found',
  isAFolder: 'is a folder, not a file',
  isAFile: 'is a file, not a folder',
} as const;

/**
 * The phrase for a Node.js file-system error code when reading or writing a file: ENOENT and
 * ENOTDIR (a path through a file) are "not found", EISDIR "is a folder, not a file", EACCES and
 * EPERM "permission denied"; any other code is named, e.g. "cannot write (ENOSPC)".
 */
export function fileProblem(code: string | undefined, action: 'read' | 'write'): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return action === 'read' ? FILE_PROBLEMS.fileNotFound : FILE_PROBLEMS.folderNotFound;
    case 'EISDIR':
      return FILE_PROBLEMS.isAFolder;
    case 'EACCES':
    case 'EPERM':
      return `permission denied (cannot ${action})`;
    default:
      return `cannot ${action} (${code ?? 'unknown error'})`;
  }
}
