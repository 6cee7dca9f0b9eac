// Starts a real lc-api for the browser tests: a temporary data folder with
// content/ imported and indexed, an editor token, and the server on a free
// port serving web/. Paths come from LC_INDEXER_BIN, LC_API_BIN and
// LC_SOURCE_DIR (set by CTest), with defaults for running by hand.

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const sourceDir = process.env.LC_SOURCE_DIR ?? path.resolve(here, '..', '..');
const indexerBin = process.env.LC_INDEXER_BIN ?? path.join(sourceDir, 'build', 'indexer', 'lc-indexer');
const apiBin = process.env.LC_API_BIN ?? path.join(sourceDir, 'build', 'api', 'lc-api');

export async function startServer() {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lc-web-test-'));
    const indexer = (...args) => run(indexerBin, [...args, '--data', dataDir], { maxBuffer: 16 << 20 });
    await indexer('import', path.join(sourceDir, 'content'));
    await indexer('index');
    const { stdout } = await indexer('token', 'create', '--name', 'web-test', '--role', 'editor');
    const token = stdout.trim();
    if (!/^\S{16,}$/.test(token)) throw new Error(`lc-indexer token create printed no token: ${JSON.stringify(stdout)}`);

    const child = spawn(apiBin, ['--data', dataDir, '--port', '0', '--host', '127.0.0.1', '--web', path.join(sourceDir, 'web')], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr = [];
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const baseUrl = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`lc-api did not start in 30 s: ${Buffer.concat(stderr)}`)), 30_000);
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`lc-api exited with ${code}: ${Buffer.concat(stderr)}`));
        });
        createInterface({ input: child.stdout }).on('line', (line) => {
            const m = /^lc-api listening on (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(line.trim());
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
    });

    return {
        baseUrl,
        token,
        // A call to the API as the test editor, outside the browser.
        async api(method, pathname, body, headers = {}) {
            const res = await fetch(baseUrl + pathname, {
                method,
                headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            const text = await res.text();
            return { status: res.status, etag: res.headers.get('ETag'), body: text ? JSON.parse(text) : null };
        },
        async stop() {
            if (child.exitCode === null) {
                const exited = new Promise((resolve) => child.once('exit', resolve));
                child.kill('SIGTERM');
                await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
                if (child.exitCode === null) child.kill('SIGKILL');
            }
            await rm(dataDir, { recursive: true, force: true });
        },
    };
}
