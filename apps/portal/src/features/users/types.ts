import type { AssignmentView, Schemas, UserView } from '../../api';

export type { AssignmentView, UserView };
export type Role = AssignmentView['role'];
export type CreateUserDto = Schemas['CreateUserDto'];
