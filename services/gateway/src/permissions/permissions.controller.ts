import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ADMIN_ROLES, Permission, PERMISSIONS } from '@app/contracts';
import { AllowRoles } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('permissions')
export class PermissionsController {
  /** The permission names a Technician Group can grant (a contract constant). */
  @Get()
  @AllowRoles(...ADMIN_ROLES)
  @ApiOkResponse({
    schema: {
      type: 'array',
      maxItems: PERMISSIONS.length,
      items: { type: 'string', enum: [...PERMISSIONS] },
    },
  })
  @ApiProblems(401, 403)
  list(): readonly Permission[] {
    return PERMISSIONS;
  }
}
