/**
 * One line for the operator from whatever electron-updater or the network
 * threw. electron-updater's own messages carry stacks and the whole feed
 * file; the operator needs what failed and where, and to know that the
 * running version is untouched.
 */
const MAX_LENGTH = 300;

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH)}...` : line;
}

export function describeUpdateError(error: unknown, step: 'check' | 'download' | 'install', feed: string): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const where = `update feed ${feed}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot reach the ${where}: connection refused (is the server up?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot reach the ${where}: host not found`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `cannot reach the ${where}: ${code}`;
    case 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND':
      return `the ${where} has no channel file: ${firstLine(message).replace(/^Cannot find channel "([^"]+)".*/, '$1')} not found (404)`;
    case 'ERR_UPDATER_INVALID_UPDATE_INFO':
      return `the ${where} sent a channel file that is not valid YAML`;
    case 'ERR_UPDATER_INVALID_VERSION':
      if (message.startsWith('App version')) return `${step} failed: the running kiosk's own version is not semver (${firstLine(message)}), so no update can be compared with it`;
      return `the ${where} sent a channel file with no valid version (semver such as 1.2.3): is the feed URL right?`;
    case 'ERR_UPDATER_NO_FILES_PROVIDED':
    case 'ERR_UPDATER_NO_CHECKSUM':
      return `the ${where} lists no installer with a sha512 checksum`;
    case 'ERR_CHECKSUM_MISMATCH':
      return `the downloaded installer failed its sha512 check (corrupt download, or the feed's checksum does not match the file): removed; the running version is untouched`;
    default:
      if (/^HttpError: \d+|status \d{3}/.test(message) || (e as { statusCode?: unknown })?.statusCode) {
        return `${step} failed at the ${where}: ${firstLine(message)}`;
      }
      return `${step} failed (${where}): ${firstLine(message)}`;
  }
}
