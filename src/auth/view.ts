import type { StaffSession } from "../platform/env";
import { canManageClinic } from "./model";

/** What the layout needs to know about the signed-in staff member. */
export function layoutStaff(staff: StaffSession) {
  return { name: staff.name, role: staff.role, csrfToken: staff.csrfToken, canManage: canManageClinic(staff.role) };
}
