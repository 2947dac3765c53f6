import { UserError } from '../../errors.js';

/** A malformed gate expression: names the expression, the 1-based column, what was expected and found. */
export class GateSyntaxError extends UserError {
  readonly expression: string;
  readonly column: number;
  readonly expected: string;
  readonly found: string;

  constructor(expression: string, column: number, expected: string, found: string) {
    super(`invalid gate ${JSON.stringify(expression)} at column ${column}: expected ${expected}, found ${found}`);
    this.name = 'GateSyntaxError';
    this.expression = expression;
    this.column = column;
    this.expected = expected;
    this.found = found;
  }
}
