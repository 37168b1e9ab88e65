import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import dns, { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { isPublicAddress, normaliseHost, TargetPolicy, targetPolicy } from './target-policy';

export const RESPONSE_EXCERPT_BYTES = 2048;
const REFUSED = 'WEBHOOK_TARGET_REFUSED';

export interface OutgoingMessage {
  /** `webhook-id`: the event id. */
  id: string;
  type: string;
  /** When the event occurred (ISO 8601). */
  timestamp: string;
  data: unknown;
}

export interface SendResult {
  statusCode: number | null;
  retryAfter: string | null;
  responseExcerpt: string | null;
  error: string | null;
  /** The target resolved to a private, loopback or link-local address. */
  refused: boolean;
  startedAt: Date;
  durationMs: number;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails when any resolved address is not public: checked where the socket connects, so DNS rebinding cannot slip through. */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad || !addresses.length) {
      const refusal: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad?.address ?? 'nothing'}, a private, loopback or link-local address`);
      refusal.code = REFUSED;
      return callback(refusal, '');
    }
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
}

/** Signs with every given secret: several signatures, space-separated, as Standard Webhooks allows during a rotation. */
export function signatureHeader(secrets: string[], id: string, at: Date, body: string): string {
  return secrets.map((s) => new Webhook(s).sign(id, at, body)).join(' ');
}

/**
 * Sends one Standard Webhooks message: `webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * body `{ type, timestamp, data }`. A receiver cannot hold the worker beyond WEBHOOK_TIMEOUT_MS
 * (connect, headers and body together), redirects are not followed, and at most 2 KB of the
 * response body is read.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  readonly policy: TargetPolicy;
  private readonly guarded: Agent;
  private readonly trusted: Agent;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.policy = targetPolicy(config.WEBHOOK_ALLOWED_HOSTS);
    const timeout = config.WEBHOOK_TIMEOUT_MS;
    const common = { headersTimeout: timeout, bodyTimeout: timeout, connections: 20, keepAliveTimeout: 4000 };
    this.guarded = new Agent({ ...common, connect: { timeout, lookup: publicOnlyLookup } as never });
    this.trusted = new Agent({ ...common, connect: { timeout } });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.guarded.destroy(), this.trusted.destroy()]);
  }

  async send(url: string, secrets: string[], message: OutgoingMessage): Promise<SendResult> {
    const startedAt = new Date();
    const started = performance.now();
    const done = (r: Omit<SendResult, 'startedAt' | 'durationMs'>): SendResult => ({ ...r, startedAt, durationMs: Math.round(performance.now() - started) });
    let host: string;
    try {
      host = normaliseHost(new URL(url).hostname);
    } catch {
      return done({ statusCode: null, retryAfter: null, responseExcerpt: null, error: 'the target is not a valid URL', refused: true });
    }
    const allowed = this.policy.allowedHosts.has(host);
    // A literal address is never looked up, so it is judged here.
    if (!allowed && ipaddr.isValid(host) && !isPublicAddress(host)) {
      return done({ statusCode: null, retryAfter: null, responseExcerpt: null, error: `${host} is a private, loopback or link-local address`, refused: true });
    }
    const body = JSON.stringify({ type: message.type, timestamp: message.timestamp, data: message.data });
    const at = new Date();
    try {
      const res = await request(url, {
        method: 'POST',
        dispatcher: allowed ? this.trusted : this.guarded,
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'backoffice-webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signatureHeader(secrets, message.id, at, body),
        },
        body,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size >= RESPONSE_EXCERPT_BYTES) break; // leaving the loop destroys the stream: the rest is never read
      }
      if (size < RESPONSE_EXCERPT_BYTES) res.body.destroy();
      const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
      const retryAfter = res.headers['retry-after'];
      return done({ statusCode: res.statusCode, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter ?? null, responseExcerpt: excerpt || null, error: null, refused: false });
    } catch (err) {
      const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
      const refused = e.code === REFUSED || e.cause?.code === REFUSED;
      const timedOut = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT';
      const error = timedOut ? `timed out after ${this.config.WEBHOOK_TIMEOUT_MS} ms` : (e.cause?.message ?? e.message ?? String(err));
      return done({ statusCode: null, retryAfter: null, responseExcerpt: null, error: error.slice(0, 500), refused });
    }
  }
}
