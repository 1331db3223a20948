import { BadRequestException, INestApplication, NotFoundException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppDependencies, AppModule } from './app.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';

export const API_TITLE = 'Entitlement Ledger API';

/** No command or query body nests deeper than a handful of levels; 32 leaves room and stops abuse. */
const MAX_JSON_DEPTH = 32;

/** Depth of a parsed JSON value, iteratively (a recursive walk would overflow on the abuse it checks). */
function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Builds the Nest application with the conventions of DESIGN.md §3. */
export async function createApp(deps: AppDependencies, options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps), {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  // Found by the fuzz test: a NUL in a path id or filter reached PostgreSQL (which refuses it in
  // text), and a body nested thousands deep overflowed class-transformer's recursion. Both are
  // refused here, before any handler: 400 problem+json.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (/%00|\u0000/i.test(req.originalUrl)) return next(new BadRequestException('The URL contains a NUL character'));
    if (jsonDepth(req.body) > MAX_JSON_DEPTH) {
      return next(new BadRequestException(`The body is nested more than ${MAX_JSON_DEPTH} levels deep`));
    }
    next();
  });
  // DESIGN.md §3: bodies validated with class-validator DTOs; unknown fields are rejected.
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException(
          errors.flatMap(function flatten(e): string[] {
            const own = Object.values(e.constraints ?? {});
            return [...own, ...(e.children ?? []).flatMap(flatten).map((m) => `${e.property}.${m}`)];
          }),
        ),
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(API_TITLE)
      .setDescription(
        'The public services a city owes its migrant workers, as an append-only event ledger. ' +
          'Every error is RFC 9457 application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  // Unknown paths and body-parser failures become problem+json too.
  const filter = new ProblemDetailsFilter();
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    filter.catch(error, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  });
  await app.init();
  const express = app.getHttpAdapter().getInstance() as import('express').Express;
  express.use((req: Request, res: Response) => {
    filter.catch(new NotFoundException(`No route ${req.method} ${req.path}`), {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as never);
  });
  return app;
}
