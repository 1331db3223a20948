import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { problem, ProblemError } from '../../problem/problem';
import { invalidInput } from '../../problem/validation-errors';
import { RequireScope } from '../../security/decorators';
import { AUDIT_READ } from '../../security/scopes';
import { PROBLEM_RESPONSE } from '../reads/openapi';
import { AUDIT_LOG, AuditLogDeps } from './audit-log.tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function size(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,14})$/.test(value)) {
    throw invalidInput({ parameter: name }, { zh: `${name} 必须是树的大小：从 0 起的整数`, en: `${name} must be a tree size: a whole number from 0` });
  }
  return Number(value);
}

/** The checkpoint signing key (GetAuditPublicKey). */
export interface AuditPublicKey {
  /** The log's name, the checkpoints' origin line. */
  name: string;
  algorithm: 'Ed25519';
  /** Hex. */
  keyId: string;
  /** Base64 of the 32-byte key. */
  publicKey: string;
  /** The C2SP note verifier key: `<name>+<key id>+<base64 key>`. */
  verifierKey: string;
}

/** An RFC 9162 inclusion proof of one event (GetInclusionProof); hashes in lower-case hex. */
export interface InclusionProof {
  eventId: string;
  streamName: string;
  streamRevision: number;
  globalPosition: number;
  eventHash: string;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  /** From the leaf up. */
  hashes: string[];
  /** The signed checkpoint of exactly this tree size, or null when none is signed at it. */
  checkpoint: string | null;
}

/** An RFC 9162 consistency proof between two tree sizes (GetConsistencyProof); hashes in lower-case hex. */
export interface ConsistencyProof {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  hashes: string[];
}

/**
 * The auditors' verifiable log (docs/audit.md): RFC 9162 proofs over every event in the global
 * order, and checkpoints signed as C2SP signed-notes. Hashes are lower-case hex, except inside a
 * checkpoint, whose format says base64.
 */
@ApiTags('audit log (auditors)')
@Controller('v1/audit')
@RequireScope(AUDIT_READ)
export class AuditLogController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLogDeps) {}

  @Get('public-key')
  @ApiOperation({
    operationId: 'GetAuditPublicKey',
    summary: 'The checkpoint signing key: Ed25519, as a C2SP note verifier key and its key id',
    description: 'Save `verifierKey` to a file to verify bundles offline (`verify-bundle --public-key`).',
  })
  @ApiOkResponse({
    schema: {
      example: {
        name: 'ledger.example.gov.cn/panzhihua',
        algorithm: 'Ed25519',
        keyId: '3f1c0a7e',
        publicKey: 'base64 of the 32-byte key',
        verifierKey: 'ledger.example.gov.cn/panzhihua+3f1c0a7e+AR…',
      },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'This deployment has no signing key (problem type not-found)' })
  publicKey(): AuditPublicKey {
    const signer = this.audit.signer;
    if (!signer) throw new ProblemError(problem('not-found', 'No checkpoint signing key is configured (LEDGER_AUDIT_KEY_FILE)'));
    return {
      name: signer.name,
      algorithm: 'Ed25519',
      keyId: signer.keyId.toString('hex'),
      publicKey: signer.publicKey.toString('base64'),
      verifierKey: signer.verifierKey,
    };
  }

  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({
    operationId: 'GetAuditCheckpoint',
    summary: 'The latest signed checkpoint (C2SP tlog-checkpoint in a C2SP signed-note)',
    description: 'Origin, tree size and base64 root, a blank line, then `— <key name> <base64 key id ‖ Ed25519 signature>`.',
  })
  @ApiOkResponse({ description: 'The signed note', content: { 'text/plain': { schema: { type: 'string' }, example: 'ledger.example.gov.cn/panzhihua\n1024\nq1w…=\n\n— ledger.example.gov.cn/panzhihua Pxw…\n' } } })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No checkpoint is signed yet (problem type not-found)' })
  async checkpoint(): Promise<string> {
    const latest = await this.audit.log.latestCheckpoint();
    if (!latest) throw new ProblemError(problem('not-found', 'No checkpoint is signed yet'));
    return latest.note;
  }

  @Get('events/:eventId/inclusion')
  @ApiOperation({
    operationId: 'GetInclusionProof',
    summary: 'RFC 9162 inclusion proof of one event in the tree of a given size (default: the latest checkpoint)',
    description: 'The leaf is SHA-256(0x00 ‖ the event’s stored hash); `hashes` go from the leaf up.',
  })
  @ApiParam({ name: 'eventId', example: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11' })
  @ApiQuery({ name: 'treeSize', required: false, example: 1024 })
  @ApiOkResponse({
    schema: {
      example: {
        eventId: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11',
        streamName: 'residence-permit-w-zhang',
        streamRevision: 2,
        globalPosition: 20480,
        eventHash: '9f…',
        leafIndex: 17,
        treeSize: 1024,
        rootHash: '5d…',
        hashes: ['96…', '5f…'],
        checkpoint: 'ledger.example.gov.cn/panzhihua\n1024\n…',
      },
    },
  })
  @ApiBadRequestResponse({ ...PROBLEM_RESPONSE, description: 'Not a UUID, or not a tree size (problem type validation-failed)' })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'The event is not in the tree of that size, or no checkpoint yet (problem type not-found)' })
  async inclusion(@Param('eventId') eventId: string, @Query('treeSize') treeSize?: string): Promise<InclusionProof> {
    if (!UUID.test(eventId)) throw invalidInput({ parameter: 'eventId' }, { zh: 'eventId 必须是 UUID', en: 'eventId must be a UUID' });
    const asked = size('treeSize', treeSize);
    const state = await this.audit.log.state();
    const latest = await this.audit.log.latestCheckpoint();
    const n = asked ?? latest?.treeSize;
    if (n === undefined) throw new ProblemError(problem('not-found', 'No checkpoint is signed yet; name a treeSize'));
    if (n > state.size) throw new ProblemError(problem('not-found', `The log holds ${state.size} events, fewer than ${n}`));
    const leaf = await this.audit.log.leafOf(eventId.toLowerCase());
    if (!leaf || leaf.leafIndex >= n) throw new ProblemError(problem('not-found', `Event ${eventId} is not in the tree of size ${n}`));
    const [hashes, root, signed] = await Promise.all([
      this.audit.log.inclusion(leaf.leafIndex, n),
      this.audit.log.root(n),
      this.audit.log.checkpointCovering(n),
    ]);
    return {
      eventId: leaf.eventId,
      streamName: leaf.streamName,
      streamRevision: leaf.streamRevision,
      globalPosition: leaf.globalPosition,
      eventHash: leaf.eventHash.toString('hex'),
      leafIndex: leaf.leafIndex,
      treeSize: n,
      rootHash: root.toString('hex'),
      hashes: hashes.map((h) => h.toString('hex')),
      checkpoint: signed?.treeSize === n ? signed.note : null,
    };
  }

  @Get('consistency')
  @ApiOperation({
    operationId: 'GetConsistencyProof',
    summary: 'RFC 9162 consistency proof: the tree of size `to` extends the tree of size `from`',
    description: 'Both sizes default to nothing: give both. `from` ≤ `to` ≤ the log’s size.',
  })
  @ApiQuery({ name: 'from', required: true, example: 512 })
  @ApiQuery({ name: 'to', required: true, example: 1024 })
  @ApiOkResponse({ schema: { example: { from: 512, to: 1024, fromRoot: '…', toRoot: '…', hashes: ['…'] } } })
  @ApiBadRequestResponse({ ...PROBLEM_RESPONSE, description: 'Missing or impossible sizes (problem type validation-failed)' })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: '`to` is beyond the log (problem type not-found)' })
  async consistency(@Query('from') fromText?: string, @Query('to') toText?: string): Promise<ConsistencyProof> {
    const from = size('from', fromText);
    const to = size('to', toText);
    if (from === undefined || to === undefined) {
      const missing = from === undefined ? 'from' : 'to';
      throw invalidInput({ parameter: missing }, { zh: `缺少 ${missing}：from 和 to 都必须给出`, en: `${missing} is missing: both from and to are required` });
    }
    if (from > to) throw invalidInput({ parameter: 'from' }, { zh: 'from 不得大于 to', en: 'from must not exceed to' });
    const state = await this.audit.log.state();
    if (to > state.size) throw new ProblemError(problem('not-found', `The log holds ${state.size} events, fewer than ${to}`));
    const [hashes, fromRoot, toRoot] = await Promise.all([
      this.audit.log.consistency(from, to),
      this.audit.log.root(from),
      this.audit.log.root(to),
    ]);
    return { from, to, fromRoot: fromRoot.toString('hex'), toRoot: toRoot.toString('hex'), hashes: hashes.map((h) => h.toString('hex')) };
  }
}
