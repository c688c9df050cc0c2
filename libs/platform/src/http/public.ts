import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'canbo:public';

/** No token needed (login, refresh, health, docs). Every other route needs a signed-in caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
