/** A text the API answers in Chinese by default and in English on `Accept-Language: en`. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface ProblemTypeEntry {
  status: number;
  title: Bilingual;
  /** What the error means: the first paragraph of its page, /problems/<type>. */
  meaning: Bilingual;
  /** What the caller should do about it. */
  action: Bilingual;
}

/**
 * Every problem type the ledger answers (RFC 9457). The `type` URI of each is `/problems/<type>`,
 * a page the ledger serves itself saying what the error means and what to do. Clients switch on
 * the type, never on the wording.
 */
export const PROBLEM_CATALOG = {
  'bad-request': {
    status: 400,
    title: { zh: '请求格式有误', en: 'The request is malformed' },
    meaning: {
      zh: '请求无法解析：正文不是合法的 JSON、路径或请求头格式不对。',
      en: 'The request cannot be read: the body is not valid JSON, or a path or header is malformed.',
    },
    action: {
      zh: '按 `detail` 修正请求后重发；账本没有记录任何内容。',
      en: 'Correct the request as `detail` says and send it again; nothing was recorded.',
    },
  },
  'validation-failed': {
    status: 400,
    title: { zh: '请求正文或参数无效', en: 'The request body or parameters are invalid' },
    meaning: {
      zh: '请求可以解析，但有字段不符合要求：`errors` 逐项列出，`pointer` 以 JSON Pointer 指出正文中的字段，`parameter` 指出查询参数。',
      en: 'The request can be read but a field does not meet its rule: `errors` lists each one, `pointer` names a body field as a JSON Pointer, `parameter` a query parameter.',
    },
    action: {
      zh: '逐项修正 `errors` 中的字段后重发；账本没有追加任何事件。',
      en: 'Fix each field listed in `errors` and send the request again; nothing was appended.',
    },
  },
  unauthorized: {
    status: 401,
    title: { zh: '需要有效的访问令牌', en: 'A valid bearer token is required' },
    meaning: {
      zh: '请求没有带 `Authorization: Bearer <令牌>`，或令牌未知、已吊销。',
      en: 'The request has no `Authorization: Bearer <token>`, or the token is unknown or revoked.',
    },
    action: {
      zh: '向账本管理员申领部门凭证（`ledger credentials issue`），带上令牌重发。',
      en: 'Ask the ledger operator for a department credential (`ledger credentials issue`) and send the token.',
    },
  },
  forbidden: {
    status: 403,
    title: { zh: '该凭证无权进行此操作', en: 'The credential may not do this' },
    meaning: {
      zh: '凭证有效，但其部门或权限范围（scope）不包括这一操作或这类数据；该请求已记入访问日志。',
      en: 'The credential is valid but its department or scopes do not cover this action or data; the request was logged.',
    },
    action: {
      zh: '由有权的部门办理，或申请包含 `detail` 所列 scope 的凭证（见 docs/access.md）。',
      en: 'Have the owning department do it, or obtain a credential with the scope `detail` names (see docs/access.md).',
    },
  },
  'not-found': {
    status: 404,
    title: { zh: '没有这项资源', en: 'No such resource' },
    meaning: {
      zh: '路径指向的流、人员或记录在账本中不存在（或在所问的时间点尚不存在）。',
      en: 'The stream, person or record the path names is not in the ledger (or was not at the time asked).',
    },
    action: {
      zh: '核对编号和路径；读模型可能稍有滞后（见 /health 的投影延迟）。',
      en: 'Check the id and the path; a read model may lag a little (see projection lag on /health).',
    },
  },
  'not-a-decision': {
    status: 422,
    title: { zh: '该事件不是决定', en: 'The event records no decision' },
    meaning: {
      zh: '该事件存在，但没有记录决定（政策包、条款、输入），无法解释或重新决定；例如登记类事实。',
      en: 'The event exists but records no decision (pack, clauses, inputs), so it cannot be explained or decided again: a registered fact, say.',
    },
    action: {
      zh: '改用记录决定的事件（`data.decision`）；`GET /v1/audit/decisions` 列出决定。',
      en: 'Ask about an event that records a decision (`data.decision`); the audit read model lists them (`ListDecisions`).',
    },
  },
  'method-not-allowed': {
    status: 405,
    title: { zh: '该资源不接受此方法', en: 'The resource does not accept this method' },
    meaning: {
      zh: '路径存在，但不接受这个 HTTP 方法；`Allow` 头列出可用的方法。',
      en: 'The path exists but not for this HTTP method; the `Allow` header lists those it takes.',
    },
    action: { zh: '改用 `Allow` 所列的方法。', en: 'Use a method the `Allow` header lists.' },
  },
  conflict: {
    status: 409,
    title: { zh: '流在读取后已被改变', en: 'The stream changed since it was read' },
    meaning: {
      zh: '命令与流的当前状态不符（例如重复登记），或并发写入一再冲突；`code` 说明原因。',
      en: 'The command does not fit the stream as it stands (registering twice, say), or concurrent writers kept conflicting; `code` says which.',
    },
    action: {
      zh: '重新读取该流，按当前状态决定是否重发；不要用同一个 Idempotency-Key 发送不同的命令。',
      en: 'Read the stream again and decide on its current state; do not send a different command under the same Idempotency-Key.',
    },
  },
  'duplicate-event': {
    status: 409,
    title: { zh: '已存在同一编号但内容不同的事件', en: 'An event with this id is already stored differently' },
    meaning: {
      zh: '事件编号唯一；同一编号已以不同内容存入。',
      en: 'Event ids are unique; this one is stored with other content.',
    },
    action: { zh: '新命令请使用新的 Idempotency-Key。', en: 'Use a new Idempotency-Key for a new command.' },
  },
  'precondition-failed': {
    status: 412,
    title: { zh: 'If-Match 与当前版本不符', en: 'If-Match does not match the current revision' },
    meaning: {
      zh: '`If-Match` 所示的版本已过时：流在您读取后又有新事件。',
      en: 'The revision in `If-Match` is stale: the stream has moved since you read it.',
    },
    action: {
      zh: '重新读取，取新的 ETag，按最新状态再决定。',
      en: 'Read again, take the new ETag and decide on the current state.',
    },
  },
  'request-timeout': {
    status: 408,
    title: { zh: '请求未能及时送达', en: 'The request did not arrive in time' },
    meaning: { zh: '请求正文在时限内没有送完（连接过慢或中断）。', en: 'The request body did not arrive within the time limit (a slow or broken connection).' },
    action: { zh: '用同一个 Idempotency-Key 重发。', en: 'Send the request again with the same Idempotency-Key.' },
  },
  'payload-too-large': {
    status: 413,
    title: { zh: '请求正文过大', en: 'The request body is too large' },
    meaning: { zh: '正文超过了大小上限。', en: 'The body is over the size limit.' },
    action: { zh: '只发送命令所需的字段。', en: 'Send only the fields the command takes.' },
  },
  'unsupported-media-type': {
    status: 415,
    title: { zh: '请求正文必须是 application/json', en: 'The request body must be application/json' },
    meaning: { zh: '命令只接受 UTF-8 编码的 JSON 正文。', en: 'Commands take a JSON body in UTF-8 only.' },
    action: {
      zh: '加上 `Content-Type: application/json` 并以 JSON 发送正文。',
      en: 'Send `Content-Type: application/json` and a JSON body.',
    },
  },
  'policy-refusal': {
    status: 422,
    title: { zh: '政策不予办理', en: 'The policy refuses this' },
    meaning: {
      zh: '请求格式正确，但适用的政策规则不允许：`ruleId`、`source`（条款）和 `quote` 指明规则，`computed` 与 `required` 说明差距，`eligibleFrom` 是仅凭时间即可满足条件的日期。',
      en: 'The request is well formed but the policy rule that applies says no: `ruleId`, `source` (the clause) and `quote` name it, `computed` and `required` show the gap, `eligibleFrom` is the first day time alone would change the answer.',
    },
    action: {
      zh: '按 `detail` 向申请人说明理由；条件满足后（或自 `eligibleFrom` 起）再申请。',
      en: 'Explain `detail` to the applicant; apply again once the condition is met (or from `eligibleFrom`).',
    },
  },
  'idempotency-key-reused': {
    status: 422,
    title: { zh: '该 Idempotency-Key 已用于另一请求', en: 'The Idempotency-Key was used with another request' },
    meaning: {
      zh: '同一凭证曾以此 Idempotency-Key 发送过不同的请求。',
      en: 'The same credential sent another request under this Idempotency-Key.',
    },
    action: {
      zh: '每个新命令使用新的 Idempotency-Key；重试时原样重发。',
      en: 'Use a new key for each new command; a retry sends the same request again.',
    },
  },
  'rate-limited': {
    status: 429,
    title: { zh: '请求过于频繁', en: 'Too many requests' },
    meaning: {
      zh: '该凭证在短时间内的请求超过了限额。',
      en: 'The credential sent more requests than its limit allows in a short time.',
    },
    action: {
      zh: '等待 `Retry-After` 所示的秒数后再试。',
      en: 'Wait the seconds `Retry-After` gives, then try again.',
    },
  },
  'internal-error': {
    status: 500,
    title: { zh: '账本未能作答', en: 'The ledger failed to answer' },
    meaning: {
      zh: '账本内部出错；错误已记录，没有追加未完成的事件。',
      en: 'The ledger failed inside; the error is logged and nothing half-done was appended.',
    },
    action: {
      zh: '稍后用同一个 Idempotency-Key 重试；持续出现请联系运维。',
      en: 'Retry later with the same Idempotency-Key; if it persists, tell the operators.',
    },
  },
  unavailable: {
    status: 503,
    title: { zh: '账本暂不可用', en: 'The ledger is not ready' },
    meaning: {
      zh: '事件库或读库暂时无法访问。',
      en: 'The event store or the read database cannot be reached for now.',
    },
    action: {
      zh: '稍后用同一个 Idempotency-Key 重试（见 /health）。',
      en: 'Retry later with the same Idempotency-Key (see /health).',
    },
  },
} as const satisfies Record<string, ProblemTypeEntry>;

/** Titles some errors give in place of their type's (a rejected command is a `conflict`). */
export const TITLE_OVERRIDES: Record<string, Bilingual> = {
  'The command does not fit the stream': { zh: '命令与流的当前状态不符', en: 'The command does not fit the stream' },
};
