import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryModule } from '../inventory';
import { Customer } from './customers/customer.entity';
import { CustomersController } from './customers/customers.controller';
import { CustomersService } from './customers/customers.service';
import { Invoice, InvoiceAllowanceCharge, InvoiceLine } from './invoices/invoice.entity';
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
  imports: [TypeOrmModule.forFeature([SellerProfile, Customer, TaxCategory, Product, InvoiceSeries, Invoice, InvoiceLine, InvoiceAllowanceCharge]), InventoryModule],
  controllers: [SellerProfileController, CustomersController, TaxCategoriesController, ProductsController, SeriesController, InvoicesController],
  providers: [SellerProfileService, CustomersService, TaxCategoriesService, ProductsService, SeriesService, InvoicesService, InvoicingFacade],
  exports: [InvoicingFacade],
})
export class InvoicingModule {}
