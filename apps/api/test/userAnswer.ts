/** A user as the API answers it. */
export interface User {
  id: string;
  username: string;
  role: string;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}
