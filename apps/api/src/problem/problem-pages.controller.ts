import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../security/decorators';
import { languageOf, type Language } from './localize';
import { PROBLEM_BASE, problem, ProblemError } from './problem';
import { PROBLEM_CATALOG, type ProblemTypeEntry } from './problem-catalog';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** `code` spans in the catalog's texts. */
const inline = (text: string) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const HEADINGS: Record<Language, { meaning: string; action: string; all: string; other: string }> = {
  zh: { meaning: '含义', action: '如何处理', all: '全部错误类型', other: 'English' },
  en: { meaning: 'What it means', action: 'What to do', all: 'Every problem type', other: '中文' },
};

function page(language: Language, title: string, body: string): string {
  return `<!doctype html>\n<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>${body}</body></html>\n`;
}

function typePage(type: string, entry: ProblemTypeEntry, language: Language): string {
  const h = HEADINGS[language];
  return page(
    language,
    entry.title[language],
    `<h1>${escape(entry.title[language])}</h1><p><code>${PROBLEM_BASE}${type}</code> · HTTP ${entry.status}</p>` +
      `<h2>${h.meaning}</h2><p>${inline(entry.meaning[language])}</p>` +
      `<h2>${h.action}</h2><p>${inline(entry.action[language])}</p>` +
      `<p><a href="${PROBLEM_BASE}">${h.all}</a></p>`,
  );
}

/**
 * The pages the problem `type` URIs name (RFC 9457 §3.1.1: a type URI should lead to
 * documentation): what each error means and what to do, in Chinese, or in English on
 * `Accept-Language: en`. Public: a caller refused for its credential can still read why.
 */
@ApiTags('problems')
@Controller('problems')
@Public()
export class ProblemPagesController {
  @Get()
  @ApiOperation({ operationId: 'ListProblemTypes', summary: 'Every problem type the ledger answers, with its status' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'never: the list always exists' })
  index(@Req() request: Request, @Res() response: Response): void {
    const language = languageOf(request);
    const items = Object.entries(PROBLEM_CATALOG)
      .map(([type, e]) => `<li><a href="${PROBLEM_BASE}${type}">${escape(e.title[language])}</a> (${e.status})</li>`)
      .join('');
    send(
      response,
      language,
      page(language, HEADINGS[language].all, `<h1>${HEADINGS[language].all}</h1><ul>${items}</ul>`),
    );
  }

  @Get(':type')
  @ApiOperation({ operationId: 'GetProblemType', summary: 'What a problem type means and what to do about it' })
  @ApiParam({ name: 'type', example: 'policy-refusal' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No such problem type (problem type not-found)' })
  one(@Param('type') type: string, @Req() request: Request, @Res() response: Response): void {
    const entry = Object.hasOwn(PROBLEM_CATALOG, type)
      ? (PROBLEM_CATALOG as Record<string, ProblemTypeEntry>)[type]
      : undefined;
    if (!entry) throw new ProblemError(problem('not-found', `No problem type ${type}`));
    const language = languageOf(request);
    send(response, language, typePage(type, entry, language));
  }
}

function send(response: Response, language: Language, html: string): void {
  response.setHeader('Content-Language', language === 'zh' ? 'zh-CN' : 'en');
  response.setHeader('Vary', 'Accept-Language');
  response.type('text/html; charset=utf-8').send(html);
}
