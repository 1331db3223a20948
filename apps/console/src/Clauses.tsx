import { Tag, Typography } from 'antd';
import type { AppliedRule } from './api';

/** The flag beside a rule whose numbers are the pack's placeholders, not the city's own. */
export const ILLUSTRATIVE_FLAG = '（示例参数：本市尚未公布正式数字）';

/** A rule as the receipt and the picture cite it: clause, its words, the rule id, flagged when draft or illustrative. */
export function ruleText(rule: AppliedRule): string {
  const flag = rule.status === 'draft' ? '（征求意见稿）' : rule.status === 'illustrative' ? ILLUSTRATIVE_FLAG : '';
  return `${rule.source}“${rule.quote}”（${rule.ruleId}）${flag}`;
}

/** A section of the picture as the summary gives it: the clauses behind its figures (docs/api-reads.md). */
export interface Governed {
  rules?: AppliedRule[];
  illustrative?: boolean;
}

/**
 * The clauses behind a section of the picture: each rule the section's decisions applied, as the
 * summary names them (the console keeps no table of rules). None: the figures are facts recorded.
 */
export function Clauses({ section, testId }: { section: Governed; testId: string }) {
  const rules = section.rules ?? [];
  return (
    <div data-testid={`${testId}-clauses`} style={{ marginTop: 8, fontSize: 12 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        依据：
      </Typography.Text>
      {rules.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          登记的事实，未经规则判定
        </Typography.Text>
      ) : (
        <ul style={{ paddingLeft: 18, margin: '2px 0 0' }}>
          {rules.map((rule) => (
            <li key={rule.ruleId}>
              <Typography.Text type={rule.status === 'illustrative' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                {ruleText(rule)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** On a section's title: some number shown there comes from an illustrative rule. */
export function IllustrativeTag({ section, testId }: { section: Governed; testId: string }) {
  if (!section.illustrative) return null;
  return (
    <Tag color="orange" data-testid={`${testId}-illustrative`} title="本栏数字所依据的规则为示例参数，本市尚未公布正式数字" style={{ marginLeft: 8 }}>
      示例参数
    </Tag>
  );
}

/** A section's title with its illustrative flag. */
export function sectionTitle(title: string, section: Governed, testId: string) {
  return (
    <span>
      {title}
      <IllustrativeTag section={section} testId={testId} />
    </span>
  );
}
