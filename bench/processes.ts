import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Node options that make a server write a V8 CPU profile into bench/profiles/ when it stops (--cpu-prof). */
export function cpuProfileArgs(enabled: boolean | undefined): string[] {
  return enabled ? ['--cpu-prof', `--cpu-prof-dir=${join(__dirname, 'profiles')}`] : [];
}

/** Starts a Node server script and waits for its "listening on port" line. */
export async function startServer(name: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (output.includes('listening on port')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  // Keep draining its output (request logs) so the pipe never blocks the server.
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory of a process in MB (Linux /proc). */
export function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
}

/** Samples a process's resident memory until stopped; stop() gives the lowest and highest in MB. */
export function sampleResidentMemory(pid: number, everyMs = 250): { stop(): { low: number; high: number } } {
  const samples = [residentMegabytes(pid)];
  const timer = setInterval(() => samples.push(residentMegabytes(pid)), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(residentMegabytes(pid));
      return { low: Math.round(Math.min(...samples)), high: Math.round(Math.max(...samples)) };
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Downloads a URL, counting bytes without keeping them, while sampling the server's RSS. */
export function downloadMeasuringServer(url: string, bearer: string, serverPid: number): Promise<{ megabytes: number; seconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let peak = residentMegabytes(serverPid);
    const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(serverPid))), 10);
    request(url, { headers: { Authorization: bearer } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        clearInterval(sampler);
        if (response.statusCode !== 200) return reject(new Error(`${url}: ${response.statusCode}`));
        resolve({ megabytes: bytes / 2 ** 20, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peak });
      });
    })
      .on('error', reject)
      .end();
  });
}
