import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { TransactionalConnection } from '../database/transactional-connection';
import { ApiProblem, Endpoint } from '../http/openapi';
import { PlatformErrorCode, PlatformException } from '../http/problem';

class HealthDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] }) status: 'ok';
  @ApiProperty({ required: false, example: { database: 'ok' } }) checks?: Record<string, string>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: TransactionalConnection) {}

  @Get('live')
  @Endpoint({ summary: 'Liveness', description: 'The process is up.', public: true, type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Endpoint({ summary: 'Readiness', description: 'The process can serve traffic: the database answers.', public: true, type: HealthDto })
  @ApiProblem(503, 'The database does not answer.')
  async ready(): Promise<HealthDto> {
    try {
      await Promise.race([
        this.db.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
    } catch {
      throw new PlatformException(PlatformErrorCode.ServiceUnavailable, 'The database is not reachable.');
    }
    return { status: 'ok', checks: { database: 'ok' } };
  }
}
