/** What every chat channel says when the engine fails on a turn (the user's words are kept). */
export const ENGINE_FAILED_TEXT =
  '申し訳ありません、いまはお返事を用意できませんでした。少し時間をおいて、もう一度送ってみてください。';
