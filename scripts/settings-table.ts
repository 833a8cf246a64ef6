// Prints the README's settings table from src/config/settings.ts, the one place where settings are documented.
import { settingsTable } from '../src/config/settings-table.ts';

process.stdout.write(`${settingsTable()}\n`);
