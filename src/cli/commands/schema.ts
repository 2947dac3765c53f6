import { z } from 'zod';
import { scenarioSchema } from '../../scenario/schema.js';
import type { CliIo } from '../io.js';

/** The scenario file's JSON Schema (input form: quantities are strings with units). */
export function scenarioJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as object),
    title: 'fleetsim scenario',
  };
}

/** `fleetsim schema`: prints the JSON Schema so editors can validate scenario files. */
export async function schemaCommand(_o: object, io: CliIo): Promise<number> {
  io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return 0;
}
