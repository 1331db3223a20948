import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { AssessPointsDto } from './dto/assess-points.dto';
import { AdjustPointsDto } from './dto/adjust-points.dto';
import { VetoPointsDto } from './dto/veto-points.dto';

/** Commands on points-<workerId>: 积分. */
@ApiTags('migrant-services')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class PointsCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('AssessPoints', AssessPointsDto)
  assessPoints(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: AssessPointsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('AssessPoints', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('AdjustPoints', AdjustPointsDto)
  adjustPoints(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: AdjustPointsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('AdjustPoints', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('VetoPoints', VetoPointsDto)
  vetoPoints(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: VetoPointsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('VetoPoints', workerId, body, actor, preconditions, res);
  }
}
