import { PageQueryDto } from '../page-query.dto';

export class ListDeliveriesQueryDto extends PageQueryDto {}
