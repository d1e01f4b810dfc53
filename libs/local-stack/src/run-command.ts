import { spawn } from 'node:child_process';
import { CodedError } from '@refurb/contracts';

export class CommandFailedError extends CodedError<'LOCAL_STACK.COMMAND_FAILED'> {
  constructor(command: string, exitCode: number | null, output: string) {
    super('LOCAL_STACK.COMMAND_FAILED', `${command} exited with ${exitCode}:\n${output.slice(-4000)}`);
  }
}

/** Runs a command to completion, keeping its output for the error message if it fails. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) =>
      exitCode === 0
        ? resolve(output)
        : reject(new CommandFailedError(`${command} ${args.join(' ')}`, exitCode, output)),
    );
  });
}
