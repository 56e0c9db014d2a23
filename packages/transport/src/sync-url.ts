/**
 * y-websocket always connects to `serverUrl + '/' + room + '?' + params`. API Gateway has no
 * custom paths, so the board id travels in the query string: `/sync?board=<room>&token=…`.
 */
export function toGatewayUrl(providerUrl: string): string {
  const url = new URL(providerUrl);
  const segments = url.pathname.split('/');
  const room = decodeURIComponent(segments.pop() ?? '');
  url.pathname = segments.join('/') || '/';
  if (room) url.searchParams.set('board', room);
  return url.toString();
}
