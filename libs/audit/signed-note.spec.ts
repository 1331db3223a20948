import { formatCheckpoint, NoteSigner, openNote, parseCheckpoint, parseVerifierKey } from './index';

describe('C2SP signed-note with Ed25519 and C2SP tlog-checkpoint', () => {
  it('opens the example note of Go’s golang.org/x/mod/sumdb/note package with its published key', () => {
    const key = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const note = `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
    expect(openNote(note, key)).toBe(text);
  });

  const signer = NoteSigner.generate('ledger.example.gov.cn/panzhihua');
  const key = parseVerifierKey(signer.verifierKey);
  const root = Buffer.alloc(32, 7);
  const note = signer.signCheckpoint(42, root);

  it('signs a checkpoint whose body is origin, size and base64 root, each on its own line', () => {
    expect(note.startsWith(`ledger.example.gov.cn/panzhihua\n42\n${root.toString('base64')}\n\n\u2014 ledger.example.gov.cn/panzhihua `)).toBe(true);
    expect(parseCheckpoint(openNote(note, key))).toEqual({ origin: 'ledger.example.gov.cn/panzhihua', size: 42, root, extensions: [] });
    expect(signer.verifierKey).toMatch(/^ledger\.example\.gov\.cn\/panzhihua\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  });

  it('rejects a changed size, a signature by another key of the same name, and a key whose id does not match', () => {
    expect(() => openNote(note.replace('\n42\n', '\n43\n'), key)).toThrow('does not verify');
    const other = NoteSigner.generate('ledger.example.gov.cn/panzhihua');
    expect(() => openNote(other.signCheckpoint(42, root), key)).toThrow('carries no signature by');
    const [name, , b64] = signer.verifierKey.split(/\+(?=[0-9a-f]{8}\+)|(?<=\+[0-9a-f]{8})\+/);
    expect(() => parseVerifierKey(`${name}+00000000+${b64}`)).toThrow('key id does not match');
    expect(() => parseCheckpoint(formatCheckpoint('o', 1, root).replace('\n1\n', '\n01\n'))).toThrow('not a decimal');
  });
});
