/** `npm start`: reads the settings, starts every enabled channel, stops cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config.ts';
import { installSignalHandlers } from './server/installSignalHandlers.ts';
import { startApp } from './startApp.ts';

try {
  const config = loadConfig();
  const app = await startApp(config);
  installSignalHandlers(app.http);
  const channels = ['web', ...(config.slack ? ['slack'] : []), ...(config.line ? ['line'] : [])].join(', ');
  console.log(
    `madoguchi: http://${config.host}:${app.port}/ (channels: ${channels}; data: ${config.dataDir})`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
