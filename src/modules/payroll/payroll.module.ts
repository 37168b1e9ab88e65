import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PaySchedule } from './pay-schedules/pay-schedule.entity';
import { PaySchedulesController } from './pay-schedules/pay-schedules.controller';
import { PaySchedulesService } from './pay-schedules/pay-schedules.service';
import './payroll.scopes';

@Module({
  imports: [TypeOrmModule.forFeature([PaySchedule])],
  controllers: [PaySchedulesController],
  providers: [PaySchedulesService],
})
export class PayrollModule {}
