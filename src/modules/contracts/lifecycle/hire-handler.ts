import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { Contract } from '../contracts/contract.entity';
import { ContractsService } from '../contracts/contracts.service';

/**
 * On `hr.employee.hired`: a draft employment contract for the new employee, once per hire
 * (employee and hire date). The check and the unique index on origin_hire_key keep a redelivered
 * or concurrent event from creating a second one; a conflict rolls back and is retried as a no-op.
 */
@Injectable()
export class EmploymentContractOnHire implements OnModuleInit {
  private readonly logger = new Logger('Contracts');

  constructor(
    private readonly events: EventBus,
    private readonly db: TransactionalConnection,
    private readonly contracts: ContractsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('hr.employee.hired', 'contracts.employment-contract-draft', async (event) => {
      const e = event.payload;
      const hireKey = `${e.employeeId}:${e.hireDate}`;
      if (await this.db.getRepository(Contract).existsBy({ originHireKey: hireKey })) return;
      const draft = await this.contracts.create(
        {
          title: `Employment contract ${e.firstName} ${e.lastName}`.slice(0, 200),
          type: 'employment',
          counterparty: { kind: 'employee', employeeId: e.employeeId },
          ownerEmployeeId: e.managerId ?? undefined,
          startDate: e.hireDate,
          renewalType: 'none',
          tags: ['hr', e.employmentType].filter(Boolean).map((t) => String(t).slice(0, 50)),
        },
        { hireKey },
      );
      this.logger.log(`draft employment contract ${draft.number} for employee ${e.employeeNumber}`);
    });
  }
}
