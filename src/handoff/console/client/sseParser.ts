/**
 * A text/event-stream parser for a fetch() body (the page reads the stream with fetch so that the
 * token can travel in a header, which EventSource cannot send). Feed it decoded chunks in order;
 * it calls back once per complete event, whatever the chunk boundaries.
 */
export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | null = null;

  const dispatch = () => {
    if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n'), id });
    event = '';
    data = [];
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };

  return (chunk) => {
    buffer += chunk;
    // A lone trailing \r may be the first half of \r\n: keep it until the next chunk.
    const pattern = /\r\n|\r(?!$)|\n/g;
    let start = 0;
    for (let match = pattern.exec(buffer); match; match = pattern.exec(buffer)) {
      line(buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    buffer = buffer.slice(start);
  };
}
