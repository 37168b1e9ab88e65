import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryModule } from '../inventory';
import { Customer } from './customers/customer.entity';
import { CustomersController } from './customers/customers.controller';
import { CustomersService } from './customers/customers.service';
import { CreditNote, CreditNoteLine } from './credit-notes/credit-note.entity';
import { CreditNotesController } from './credit-notes/credit-notes.controller';
import { CreditNotesService } from './credit-notes/credit-notes.service';
import { DocumentsService } from './documents/documents.service';
import { InvoiceSettlement } from './invoices/invoice-settlement';
import { Invoice, InvoiceAllowanceCharge, InvoiceLine } from './invoices/invoice.entity';
import { Payment, PaymentAllocation, PaymentRefund } from './payments/payment.entity';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { InvoicingFacade } from './invoicing.facade';
import './invoicing.scopes';
import { Product } from './products/product.entity';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { SellerProfileController } from './seller-profile/seller-profile.controller';
import { SellerProfile } from './seller-profile/seller-profile.entity';
import { SellerProfileService } from './seller-profile/seller-profile.service';
import { SeriesController } from './series/series.controller';
import { InvoiceSeries } from './series/series.entity';
import { SeriesService } from './series/series.service';
import { TaxCategoriesController } from './tax-categories/tax-categories.controller';
import { TaxCategoriesService } from './tax-categories/tax-categories.service';
import { TaxCategory } from './tax-categories/tax-category.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SellerProfile, Customer, TaxCategory, Product, InvoiceSeries, Invoice, InvoiceLine, InvoiceAllowanceCharge, CreditNote, CreditNoteLine, Payment, PaymentAllocation, PaymentRefund]), InventoryModule],
  controllers: [SellerProfileController, CustomersController, TaxCategoriesController, ProductsController, SeriesController, InvoicesController, CreditNotesController, PaymentsController, ReportsController],
  providers: [SellerProfileService, CustomersService, TaxCategoriesService, ProductsService, SeriesService, InvoicesService, InvoiceSettlement, CreditNotesService, PaymentsService, DocumentsService, ReportsService, InvoicingFacade],
  exports: [InvoicingFacade],
})
export class InvoicingModule {}
