import { Module } from '@nestjs/common';
import { WorkerCommandsController } from './worker-commands.controller';
import { ResidencePermitCommandsController } from './residence-permit-commands.controller';
import { PointsCommandsController } from './points-commands.controller';
import { InsuranceCommandsController } from './insurance-commands.controller';
import { EmploymentCommandsController } from './employment-commands.controller';
import { EmployerCommandsController } from './employer-commands.controller';
import { HousingCommandsController } from './housing-commands.controller';
import { SchoolingCommandsController } from './schooling-commands.controller';
import { PublicHealthCommandsController } from './public-health-commands.controller';
import { CommandSender } from './command-sender';

/** Every command controller, in the catalog's order (docs/architecture.md §3, docs/api-commands.md). */
export const COMMAND_CONTROLLERS = [
  WorkerCommandsController,
  ResidencePermitCommandsController,
  PointsCommandsController,
  InsuranceCommandsController,
  EmploymentCommandsController,
  EmployerCommandsController,
  HousingCommandsController,
  SchoolingCommandsController,
  PublicHealthCommandsController,
];

/**
 * The command routes: `POST /v1/…` for every command of the catalog. Controllers only; the
 * CommandBus (global, from LedgerCommandsModule's CqrsModule) and the event store come from
 * the application. Import it in AppModule.
 */
@Module({ controllers: COMMAND_CONTROLLERS, providers: [CommandSender] })
export class CommandRoutesModule {}
