import { loadScenarioFile, parseDocument, validateScenario, type SourceDoc } from './load.js';
import { resolveScenario, type ResolvedScenario } from './resolve.js';
import { resolveCatalog } from './resolveCatalog.js';
import { makeFail } from './fail.js';
import { createCatalog, type Catalog } from '../catalog/index.js';
import type { Scenario } from './schema.js';

export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
  readonly resolved: ResolvedScenario;
  readonly source: SourceDoc;
}

/** Reads, validates and resolves a scenario file. Throws UserError for anything the user can fix. */
export function loadScenario(file: string): LoadedScenario {
  const { scenario, source } = loadScenarioFile(file);
  return { file, scenario, resolved: resolveScenario(scenario, source), source };
}

/** The same from text (tests, stdin, generated scenarios). */
export function loadScenarioText(text: string, file = '<scenario>'): LoadedScenario {
  const source = parseDocument(text, file);
  const scenario = validateScenario(source);
  return { file, scenario, resolved: resolveScenario(scenario, source), source };
}

/**
 * The catalog a scenario file's pools resolve against (built-in plus its `catalog:` entries), for
 * `fleetsim catalog` and `fleetsim perf --scenario`; the built-in catalog without a file.
 */
export function scenarioCatalog(file: string | undefined): Catalog {
  if (file === undefined) return createCatalog();
  const { scenario, source } = loadScenarioFile(file);
  return resolveCatalog(scenario.catalog, makeFail(source));
}
